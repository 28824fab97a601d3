import path from 'node:path';
import { spawnChild, type ChildHandle } from './child-process';
import { freePort } from './ports';
import { eventually } from './wait';

export const WORKER_MAIN = path.resolve(__dirname, '..', '..', 'stream-worker', 'dist', 'main.js');

export interface WorkerProcess extends ChildHandle {
  port: number;
  url: string;
  spawnedAt: number;
  healthyAt: number;
}

export interface WorkerStart {
  /** Environment on top of this process's: KAFKA_GROUP_ID, CMS_URL and the rest of the worker's settings. */
  env: Record<string, string>;
  name?: string;
  /** Its gateway port; a free one when left out. */
  port?: number;
  nodeArgs?: string[];
  logFile?: string;
  keepOutput?: boolean;
  timeoutMs?: number;
}

/**
 * `node stream-worker/dist/main.js` on loopback, resolved once its /healthz
 * answers 200, which it does only after its consumer has joined the group.
 */
export async function startWorkerProcess(start: WorkerStart): Promise<WorkerProcess> {
  const port = start.port ?? (await freePort());
  return startHealthyProcess({
    ...start,
    name: start.name ?? `worker :${port}`,
    main: WORKER_MAIN,
    port,
    env: { GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: String(port), ...start.env },
    what: `the worker on :${port} to join its group`,
  });
}

export interface HealthyProcessStart extends Omit<WorkerStart, 'port'> {
  name: string;
  /** The compiled entry point. */
  main: string;
  port: number;
  /** What is waited for, for the timeout's message. */
  what: string;
}

/** `node <main>` on loopback, resolved once `http://127.0.0.1:<port>/healthz` answers 200; killed, with its output in the error, if it never does. */
export async function startHealthyProcess(start: HealthyProcessStart): Promise<WorkerProcess> {
  const { port } = start;
  const spawnedAt = Date.now();
  const handle = spawnChild({
    name: start.name,
    command: process.execPath,
    args: [...(start.nodeArgs ?? []), start.main],
    env: { ...process.env, ...start.env },
    logFile: start.logFile,
    keepOutput: start.keepOutput,
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await eventually(
      start.what,
      async () => {
        if (handle.child.exitCode !== null) throw new Error(`${start.name} exited with ${handle.child.exitCode}`);
        const res = await fetch(`${url}/healthz`).catch(() => null);
        return res?.status === 200 ? true : undefined;
      },
      { timeoutMs: start.timeoutMs ?? 60_000 },
    );
  } catch (err) {
    await handle.kill9();
    throw new Error(`${(err as Error).message}\n--- ${start.name} output ---\n${handle.tail()}`, { cause: err });
  }
  return { ...handle, port, url, spawnedAt, healthyAt: Date.now() };
}
