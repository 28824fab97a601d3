import path from 'node:path';
import { log, waitFor } from '../log';
import { CHILD_LOG_DIR, REPO_ROOT, WORKER_MAIN } from '../paths';
import { spawnChild, type ChildHandle } from './child';
import type { Services } from '../infra/services';

export interface WorkerProcess {
  url: string;
  port: number;
  groupId: string;
  handle: ChildHandle;
  spawnedAt: number;
  healthyAt: number;
  /** bids_decided_total over every outcome and reason. */
  decidedTotal(): Promise<number>;
  /** bids_decided_total per outcome and reason ("accepted", "rejected below_minimum", ...). */
  decidedByOutcome(): Promise<Record<string, number>>;
}

export interface WorkerStart {
  port: number;
  groupId: string;
  cmsUrl: string;
  services: Services;
  cpuProfileDir?: string;
  logName: string;
}

/** `node stream-worker/dist/main.js`, healthy once its consumer has joined the group. */
export async function startWorker({ port, groupId, cmsUrl, services, cpuProfileDir, logName }: WorkerStart): Promise<WorkerProcess> {
  const nodeArgs = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`, '--cpu-prof-name=worker.cpuprofile'] : [];
  const spawnedAt = Date.now();
  const handle = spawnChild({
    name: `worker ${groupId}`,
    command: process.execPath,
    args: [...nodeArgs, WORKER_MAIN],
    cwd: REPO_ROOT,
    logFile: path.join(CHILD_LOG_DIR, `${logName}.log`),
    env: {
      ...process.env,
      KAFKA_BROKERS: services.kafkaBrokers.join(','),
      KAFKA_GROUP_ID: groupId,
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(port),
      CMS_URL: cmsUrl,
      REDIS_URL: services.redisUrl,
      MONGO_URL: services.mongoUrl,
      LOG_LEVEL: 'warn',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    `worker ${groupId} to join its group`,
    async () => {
      if (handle.child.exitCode !== null) throw new Error(`worker exited with ${handle.child.exitCode}:\n${handle.tail()}`);
      const res = await fetch(`${url}/healthz`).catch(() => null);
      return res?.status === 200 ? true : undefined;
    },
    90_000,
    100,
  ).catch((err) => {
    throw new Error(`${(err as Error).message}\n--- worker output ---\n${handle.tail()}`);
  });
  const healthyAt = Date.now();
  log(`worker up at ${url} (pid ${handle.pid}, group ${groupId})`);
  return {
    url,
    port,
    groupId,
    handle,
    spawnedAt,
    healthyAt,
    async decidedTotal() {
      const res = await fetch(`${url}/metrics`);
      return sumCounter(await res.text(), 'bids_decided_total');
    },
    async decidedByOutcome() {
      const res = await fetch(`${url}/metrics`);
      return counterByLabels(await res.text(), 'bids_decided_total');
    },
  };
}

/** Sums every labelled sample of a Prometheus counter in text exposition format. */
export function sumCounter(text: string, name: string): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== '{' && rest[0] !== ' ') continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) total += value;
  }
  return total;
}

/** One entry per labelled sample of a counter, keyed by its label values joined by spaces. */
export function counterByLabels(text: string, name: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const labels = line.slice(name.length + 1, line.indexOf('}'));
    const key = [...labels.matchAll(/="([^"]*)"/g)].map((m) => m[1]).filter(Boolean).join(' ');
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) out[key] = (out[key] ?? 0) + value;
  }
  return out;
}

/** counter values now minus then, dropping zeros. */
export function counterDelta(now: Record<string, number>, then: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(now)) {
    const delta = value - (then[key] ?? 0);
    if (delta !== 0) out[key] = delta;
  }
  return out;
}
