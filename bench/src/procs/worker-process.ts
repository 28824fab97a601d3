import path from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { startWorkerProcess, type WorkerProcess as WorkerChild } from '@car-auction/test-support/worker-process';
import { log } from '../log';
import { CHILD_LOG_DIR } from '../paths';
import { onCleanup } from '../lifecycle/cleanup';
import type { Services } from '../infra/services';

export interface WorkerProcess extends WorkerChild {
  groupId: string;
  /** bids_decided_total over every outcome and reason. */
  decidedTotal(): Promise<number>;
  /** bids_decided_total per outcome and reason ("accepted", "rejected below_minimum", ...). */
  decidedByOutcome(): Promise<Record<string, number>>;
  /** bids_automatic_total: the automatic bids the engine made for maximums. */
  automaticTotal(): Promise<number>;
}

export interface WorkerStart {
  port: number;
  groupId: string;
  cmsUrl: string;
  services: Services;
  cpuProfileDir?: string;
  logName: string;
}

/** `node stream-worker/dist/main.js`, healthy once its consumer has joined the group; stopped on any exit of the bench. */
export async function startWorker({ port, groupId, cmsUrl, services, cpuProfileDir, logName }: WorkerStart): Promise<WorkerProcess> {
  const worker = await startWorkerProcess({
    name: `worker ${groupId}`,
    port,
    nodeArgs: cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`, '--cpu-prof-name=worker.cpuprofile'] : [],
    logFile: path.join(CHILD_LOG_DIR, `${logName}.log`),
    timeoutMs: 90_000,
    env: {
      KAFKA_BROKERS: services.kafkaBrokers.join(','),
      KAFKA_GROUP_ID: groupId,
      CMS_URL: cmsUrl,
      REDIS_URL: services.redisUrl,
      MONGO_URL: services.mongoUrl,
      LOG_LEVEL: 'warn',
    },
  });
  const unregister = onCleanup(`stop worker ${groupId} (pid ${worker.pid})`, async () => {
    await worker.stop();
  });
  void worker.exited.then(unregister);
  log(`worker up at ${worker.url} (pid ${worker.pid}, group ${groupId})`);
  const counter = async (name: string) => counterSamples(await (await fetch(`${worker.url}/metrics`)).text(), name);
  const decided = () => counter('bids_decided_total');
  return {
    ...worker,
    groupId,
    async decidedTotal() {
      return Object.values(await decided()).reduce((sum, value) => sum + value, 0);
    },
    decidedByOutcome: decided,
    async automaticTotal() {
      return Object.values(await counter('bids_automatic_total')).reduce((sum, value) => sum + value, 0);
    },
  };
}

/** A counter's samples, keyed by their label values joined by spaces ("rejected below_minimum"; "" without labels). */
export function counterSamples(metricsText: string, name: string): Record<string, number> {
  const out: Record<string, number> = {};
  const family = parsePrometheusTextFormat(metricsText).find((f) => f.name === name);
  for (const sample of family?.metrics ?? []) {
    const key = Object.values(sample.labels ?? {})
      .filter(Boolean)
      .join(' ');
    const value = Number(sample.value);
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
