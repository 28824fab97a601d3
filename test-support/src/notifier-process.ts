import path from 'node:path';
import { freePort } from './ports';
import { startHealthyProcess, type WorkerProcess, type WorkerStart } from './worker-process';

export const NOTIFIER_MAIN = path.resolve(__dirname, '..', '..', 'notifier', 'dist', 'main.js');
export type NotifierProcess = WorkerProcess;

/** `node notifier/dist/main.js` on loopback, resolved once its /healthz answers 200 (its store connected, its consumer joined). */
export async function startNotifierProcess(start: WorkerStart): Promise<NotifierProcess> {
  const port = start.port ?? (await freePort());
  return startHealthyProcess({
    ...start,
    name: start.name ?? `notifier :${port}`,
    main: NOTIFIER_MAIN,
    port,
    env: { NOTIFIER_HOST: '127.0.0.1', NOTIFIER_PORT: String(port), NOTIFIER_PUBLIC_URL: `http://127.0.0.1:${port}`, ...start.env },
    what: `the notifier on :${port} to join its group`,
  });
}
