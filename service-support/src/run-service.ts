import type { z } from 'zod';

/** What a service logs through (a pino logger is one). */
export interface ServiceLog {
  info(context: object | string, message?: string): void;
  error(context: object | string, message?: string): void;
  fatal(context: object, message: string): void;
}

/** Parses a service's environment once at start, so a typo fails loudly there, naming every problem. */
export function parseConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, service: string): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid ${service} configuration: ${problems}`);
  }
  return parsed.data;
}

export interface ServiceMain<C extends { LOG_LEVEL: string }, L extends ServiceLog> {
  /** For the log ("stream worker"). */
  name: string;
  loadConfig(): C;
  createLogger(level: string): L;
  start(config: C, log: L, fatal: (err: Error) => void): Promise<{ stop(): Promise<void> }>;
  /** A stop that takes longer ends the process with 1. */
  shutdownTimeoutMs: number;
}

/**
 * A service's composition root: configuration (a bad one is reported before
 * there is a logger), start, and the signals. Whatever escapes every handler
 * ends the process non-zero, so the supervisor restarts it rather than leave
 * it in an unknown state; SIGTERM and SIGINT stop it gracefully, bounded.
 */
export async function runService<C extends { LOG_LEVEL: string }, L extends ServiceLog>(main: ServiceMain<C, L>): Promise<void> {
  let config: C;
  try {
    config = main.loadConfig();
  } catch (err) {
    // eslint-disable-next-line no-console
    console.error(JSON.stringify({ level: 'fatal', msg: `${main.name} failed to start`, err: String((err as Error)?.stack ?? err) }));
    process.exit(1);
  }
  const log = main.createLogger(config.LOG_LEVEL);
  const fatal = (err: Error) => {
    log.fatal({ err }, `fatal error; exiting so the supervisor restarts the ${main.name}`);
    process.exit(1);
  };
  process.on('unhandledRejection', (reason) =>
    fatal(reason instanceof Error ? reason : new Error(`unhandled rejection: ${String(reason)}`)),
  );
  process.on('uncaughtException', fatal);
  const running = await main.start(config, log, fatal).catch((err: unknown) => {
    log.fatal({ err }, `${main.name} failed to start`);
    process.exit(1);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, main.shutdownTimeoutMs);
    force.unref();
    running
      .stop()
      .then(() => {
        log.info('stopped');
        process.exit(0);
      })
      .catch(fatal);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
