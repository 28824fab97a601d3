import fs from 'node:fs';
import path from 'node:path';
import { log } from '../log';
import { eventually } from '@car-auction/test-support/wait';
import { CHILD_LOG_DIR, CMS_DIR, STRAPI_BIN } from '../paths';
import { spawnChild, type ChildHandle } from './child';
import type { Services } from '../infra/services';

export interface CmsProcess {
  url: string;
  port: number;
  handle: ChildHandle;
}

/** Relative to cms/ (the cms's database config resolves it there). */
const DATABASE_FILENAME = '.tmp/bench.db';

export const benchDatabaseFile = () => path.join(CMS_DIR, DATABASE_FILENAME);

export function deleteBenchDatabase(): void {
  const file = benchDatabaseFile();
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}

export interface CmsStart {
  port: number;
  services: Services;
  /** Directory for a V8 CPU profile written when the process exits. */
  cpuProfileDir?: string;
  logName: string;
}

/**
 * `strapi start` on the compiled cms (cms/dist), as production runs it, with the
 * bench's database file and services. The baseline route is on; the bid rate
 * limits are set so high that they are exercised on every bid but never refuse.
 */
export async function startCms({ port, services, cpuProfileDir, logName }: CmsStart): Promise<CmsProcess> {
  const nodeArgs = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`, '--cpu-prof-name=cms.cpuprofile'] : [];
  const handle = spawnChild({
    name: 'cms',
    command: process.execPath,
    args: [...nodeArgs, STRAPI_BIN, 'start'],
    cwd: CMS_DIR,
    logFile: path.join(CHILD_LOG_DIR, `${logName}.log`),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_FILENAME,
      SERVE_ADMIN_PANEL: 'false',
      SEED_DEMO_DATA: 'false',
      STRAPI_LOG_LEVEL: 'error',
      STRAPI_TELEMETRY_DISABLED: 'true',
      BASELINE_BID_ROUTE: 'true',
      BID_RATE_LIMIT_PER_BIDDER: '1000000',
      BID_RATE_LIMIT_PER_IP: '1000000',
      // A full run lasts longer than the default 10-minute access token.
      ACCESS_TOKEN_LIFESPAN_SECONDS: '3600',
      KAFKA_BROKERS: services.kafkaBrokers.join(','),
      REDIS_URL: services.redisUrl,
      MONGO_URL: services.mongoUrl,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    `the cms on :${port}`,
    async () => {
      if (handle.child.exitCode !== null) throw new Error(`cms exited with ${handle.child.exitCode}:\n${handle.tail()}`);
      const res = await fetch(`${url}/_health`).catch(() => null);
      return res && res.status < 300 ? true : undefined;
    },
    { timeoutMs: 180_000, intervalMs: 250 },
  ).catch((err) => {
    throw new Error(`${(err as Error).message}\n--- cms output ---\n${handle.tail()}`);
  });
  log(`cms up at ${url} (pid ${handle.pid})`);
  return { url, port, handle };
}
