import { loadConfig, type WorkerConfig } from './config';
import { createLogger } from './log';
import { startWorker } from './worker';

/** The log level is part of the configuration, so a bad one is reported before there is a logger. */
function loadConfigOrExit(): WorkerConfig {
  try {
    return loadConfig();
  } catch (err) {
    // eslint-disable-next-line no-console
    console.error(JSON.stringify({ level: 'fatal', msg: 'stream worker failed to start', err: String((err as Error)?.stack ?? err) }));
    process.exit(1);
  }
}

// Composition root: configuration, start, signals. Everything else lives in worker.ts.
async function main() {
  const config = loadConfigOrExit();
  const log = createLogger(config.LOG_LEVEL);
  const fatal = (err: Error) => {
    log.fatal({ err }, 'fatal error; exiting so the supervisor restarts the worker');
    process.exit(1);
  };
  // Whatever escapes every handler ends the process the same way: a worker in an
  // unknown state could keep its partitions without deciding their bids.
  process.on('unhandledRejection', (reason) =>
    fatal(reason instanceof Error ? reason : new Error(`unhandled rejection: ${String(reason)}`)),
  );
  process.on('uncaughtException', fatal);
  const worker = await startWorker(config, log, fatal).catch((err: unknown) => {
    log.fatal({ err }, 'stream worker failed to start');
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
    }, 25_000);
    force.unref();
    worker
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

void main();
