import { runService } from '@car-auction/service-support';
import { loadConfig } from './config';
import { createLogger } from './log';
import { startWorker } from './worker';

// Composition root: configuration, start, signals. Everything else lives in worker.ts.
void runService({ name: 'stream worker', loadConfig: () => loadConfig(), createLogger, start: startWorker, shutdownTimeoutMs: 25_000 });
