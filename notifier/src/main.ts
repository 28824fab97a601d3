import { runService } from '@car-auction/service-support';
import { loadConfig } from './config';
import { createLogger } from './log';
import { startNotifier } from './notifier';

// Composition root: configuration, start, signals. Everything else lives in notifier.ts.
void runService({ name: 'notifier', loadConfig: () => loadConfig(), createLogger, start: startNotifier, shutdownTimeoutMs: 20_000 });
