import { loadConfig } from './config';
import { createLogger } from './log';
import { startWorker } from './worker';

// Composition root: configuration, start, signals. Everything else lives in worker.ts.
async function main() {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const fatal = (err: Error) => {
    log.fatal({ err }, 'fatal error; exiting so the supervisor restarts the worker');
    process.exit(1);
  };
  const worker = await startWorker(config, log, fatal);

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

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error(JSON.stringify({ level: 'fatal', msg: 'stream worker failed to start', err: String(err?.stack ?? err) }));
  process.exit(1);
});
