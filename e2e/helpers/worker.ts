import { startWorkerProcess, type WorkerProcess } from '@car-auction/test-support/worker-process';
import { cmsUrl } from './cms';

export type { WorkerProcess };

/** A stream worker of this run's consumer group, posting back to the cms under test; its output is kept for failures. */
export const startWorker = (env: Record<string, string> = {}, port?: number): Promise<WorkerProcess> =>
  startWorkerProcess({
    port,
    env: {
      KAFKA_GROUP_ID: process.env.E2E_GROUP_ID ?? 'e2e',
      CMS_URL: cmsUrl(),
      LOG_LEVEL: 'info',
      CLOSE_CHECK_INTERVAL_MS: '250',
      POSTBACK_INTERVAL_MS: '100',
      ...env,
    },
    keepOutput: true,
  });

/** A worker the group gives up on quickly (Kafka's minimum session timeout), for the tests that kill and move workers. */
export const startFailoverWorker = () => startWorker({ KAFKA_SESSION_TIMEOUT_MS: '6000', LOG_LEVEL: 'warn' });
