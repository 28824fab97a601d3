import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { cmsUrl } from './cms';
import { eventually } from './bidders';
import { freePort } from './free-port';

const main = path.resolve(__dirname, '..', '..', 'stream-worker', 'dist', 'main.js');
const children = new Set<ChildProcess>();
// A test that times out must not leave workers behind holding ports and partitions.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export interface WorkerProcess {
  port: number;
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
  /** SIGKILL: no shutdown, no commit. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<number | null>;
}

/** Starts `node stream-worker/dist/main.js` and waits until it has joined the group. */
export async function startWorker(env: Record<string, string> = {}): Promise<WorkerProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(port),
      KAFKA_GROUP_ID: process.env.E2E_GROUP_ID ?? 'e2e',
      CMS_URL: cmsUrl(),
      LOG_LEVEL: 'info',
      CLOSE_CHECK_INTERVAL_MS: '250',
      POSTBACK_INTERVAL_MS: '100',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const worker: WorkerProcess = {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    output: () => output,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
  await eventually(
    `worker on :${port} to join the group`,
    async () => {
      if (child.exitCode !== null) throw new Error(`worker exited ${child.exitCode}: ${output.slice(-2000)}`);
      // Healthy only once the consumer has joined the group.
      const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
      return res?.status === 200 ? true : undefined;
    },
    60_000,
  );
  return worker;
}

/** A worker the group gives up on quickly (Kafka's minimum session timeout), for the tests that kill and move workers. */
export const startFailoverWorker = () => startWorker({ KAFKA_SESSION_TIMEOUT_MS: '6000', LOG_LEVEL: 'warn' });
