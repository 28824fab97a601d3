import http from 'node:http';
import type { WorkerConfig } from './config';
import type { Logger } from './log';
import { createMetrics } from './ops/metrics';
import { opsHandler } from './ops/ops-routes';
import { connectRedis } from './redis/redis-connections';
import { attachRealtime } from './realtime/attach-realtime';
import { createProjectionPoster } from './postback/projection-poster';
import { offerOwedOnAssignment, recordDeliveredProjection } from './postback/owed-projections';
import { createCommittedStateAnnouncer } from './announce/announce-committed';
import { startConsumerRole, type ConsumerRole } from './consumer/consumer-role';

export interface RunningWorker {
  port: number;
  stop(): Promise<void>;
}

/** Connects everything, starts the roles this process has, and returns once it is serving. */
export async function startWorker(config: WorkerConfig, log: Logger, onFatal: (err: Error) => void): Promise<RunningWorker> {
  const metrics = createMetrics();
  const redis = connectRedis(config.REDIS_URL, log);
  const withConsumer = config.WORKER_ROLES.has('consumer');

  const httpServer = http.createServer();
  let consumerRole: ConsumerRole | null = null;
  const ops = opsHandler(metrics, () => ({
    ok: redis.main.status === 'ready' && (!withConsumer || consumerRole !== null),
    detail: { redis: redis.main.status, roles: [...config.WORKER_ROLES], partitions: consumerRole?.assignedPartitions() ?? [] },
  }));
  httpServer.prependListener('request', (req, res) => {
    void ops(req, res).catch((err) => log.error({ err }, 'ops route failed'));
  });
  const { io, emitter } = attachRealtime(httpServer, {
    withGateway: config.WORKER_ROLES.has('gateway'),
    redis,
    cmsUrl: config.CMS_URL,
    corsOrigins: config.CORS_ORIGINS,
    log,
    metrics,
  });
  await new Promise<void>((resolve) => httpServer.listen(config.GATEWAY_PORT, config.GATEWAY_HOST, resolve));
  const port = (httpServer.address() as { port: number }).port;

  const poster = createProjectionPoster({
    cmsUrl: config.CMS_URL,
    token: config.WORKER_API_TOKEN,
    intervalMs: config.POSTBACK_INTERVAL_MS,
    log,
    onDelivered: recordDeliveredProjection(redis.main, log),
  });
  if (withConsumer) {
    const announcer = createCommittedStateAnnouncer({ redis: redis.main, emitter, poster, log });
    consumerRole = await startConsumerRole({
      config,
      redis: redis.main,
      log,
      metrics,
      onFatal,
      onAssigned: offerOwedOnAssignment({ redis: redis.main, poster, log }),
      onCommitted: (decisions) => announcer.decisionsCommitted(decisions),
      onClosed: (event) => announcer.auctionClosed(event),
    });
  }
  log.info({ port, roles: [...config.WORKER_ROLES] }, 'stream worker started');

  return {
    port,
    async stop() {
      // Stop taking work first; the current chunk finishes and commits inside the consumer's stop.
      await consumerRole?.stopTakingWork();
      await poster.drain(3_000);
      io?.disconnectSockets(true);
      // Socket.IO's close closes the HTTP server it is attached to.
      await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : httpServer.close(() => resolve())));
      await consumerRole?.disconnect();
      redis.disconnect();
    },
  };
}
