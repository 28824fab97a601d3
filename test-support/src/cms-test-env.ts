/**
 * The environment of a cms booted inside a test process: its own SQLite file,
 * no admin panel build, quiet logs, and bid rate limits far above the bursts
 * the pipeline tests fire (the rate-limit tests set their own).
 */
export function applyCmsTestEnv(settings: { databaseFilename: string; logLevel: string }): void {
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_FILENAME = settings.databaseFilename;
  process.env.SERVE_ADMIN_PANEL = 'false';
  process.env.STRAPI_LOG_LEVEL = process.env.STRAPI_LOG_LEVEL ?? settings.logLevel;
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.BID_RATE_LIMIT_PER_BIDDER = '1000000';
  process.env.BID_RATE_LIMIT_PER_IP = '1000000';
}

/** A SQLite database file and its side files (journal, WAL, shared memory), to remove for an empty start. */
export function sqliteFiles(file: string): string[] {
  return ['', '-journal', '-wal', '-shm'].map((suffix) => `${file}${suffix}`);
}
