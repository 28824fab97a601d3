import http from 'node:http';
import type { WorkerConfig } from './config';
import type { Logger } from './log';
import { createMetrics } from './ops/metrics';
import { opsHandler } from './ops/ops-routes';
import { createDependencyHealth, DEPENDENCIES, type Dependency } from './ops/dependency-health';
import { probeCms } from './ops/probe-cms';
import { connectRedis } from './redis/redis-connections';
import { attachRealtime } from './realtime/attach-realtime';
import { createProjectionPoster } from './postback/projection-poster';
import { offerOwedOnAssignment, recordDeliveredProjection } from './postback/owed-projections';
import { createCommittedStateAnnouncer } from './announce/announce-committed';
import { createConsumerRole } from './consumer/consumer-role';

export interface RunningWorker {
  port: number;
  stop(): Promise<void>;
}

/** How often the health is re-read (so changes are logged as they happen) and down dependencies are probed. */
const HEALTH_TICK_MS = 1_000;
const PROBE_EVERY_MS = 2_000;

/**
 * Connects everything and starts the roles this process has. Resolves once the
 * gateway listens: the consumer joins its group in the background, waiting
 * for whatever dependency is down, and /healthz answers 200 only once it has
 * joined and every dependency is up (503 `degraded`, naming what is down,
 * until then and during any later outage).
 */
export async function startWorker(config: WorkerConfig, log: Logger, onFatal: (err: Error) => void): Promise<RunningWorker> {
  const withConsumer = config.WORKER_ROLES.has('consumer');
  // A gateway-only process needs Redis alone (its adapter and the states it reads).
  const dependencies: readonly Dependency[] = withConsumer ? DEPENDENCIES : ['redis'];
  const health = createDependencyHealth({
    dependencies,
    initiallyDown: withConsumer ? { kafka: 'not joined yet', mongo: 'not connected yet', cms: 'not checked yet' } : {},
    onChange: (dependency, reading) => {
      if (reading.up) log.info({ dependency }, 'dependency is back up');
      else log.warn({ dependency, reason: reading.reason }, 'dependency is down; degraded until it is back');
    },
  });
  const metrics = createMetrics({ dependencies: () => health.report().dependencies });
  const redis = connectRedis(config.REDIS_URL, log);
  health.watch('redis', redis.reading);
  if (withConsumer) health.probeWhileDown('cms', probeCms(config.CMS_URL), PROBE_EVERY_MS);

  const httpServer = http.createServer();
  const consumerRole = withConsumer
    ? createConsumerRole({
        config,
        redis: redis.main,
        log,
        metrics,
        health,
        onFatal,
        onAssigned: (partitions) => offerOwed(partitions),
        onCommitted: (decisions) => announcer.decisionsCommitted(decisions),
        onClosed: (event) => announcer.auctionClosed(event),
      })
    : null;
  const ops = opsHandler(metrics, () => {
    const report = health.report();
    return {
      serving: report.status === 'ok',
      body: {
        ...report,
        ...(consumerRole?.startingStep() ? { starting: consumerRole.startingStep() } : {}),
        redis: redis.main.status,
        roles: [...config.WORKER_ROLES],
        partitions: consumerRole?.assignedPartitions() ?? [],
      },
    };
  });
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
  health.start(HEALTH_TICK_MS);

  const poster = createProjectionPoster({
    cmsUrl: config.CMS_URL,
    token: config.WORKER_API_TOKEN,
    intervalMs: config.POSTBACK_INTERVAL_MS,
    log,
    onDelivered: recordDeliveredProjection(redis.main, log),
    onResult: (answered, reason) => (answered ? health.up('cms') : health.down('cms', reason ?? 'no answer')),
  });
  const announcer = createCommittedStateAnnouncer({ redis: redis.main, emitter, poster, log });
  const offerOwed = offerOwedOnAssignment({ redis: redis.main, poster, log });

  // Stopping aborts a start that is still waiting for a dependency.
  const stopping = new AbortController();
  consumerRole?.start(stopping.signal).then(
    () => log.info({ partitions: consumerRole.assignedPartitions() }, 'consumer joined its group; deciding bids'),
    (err: unknown) => {
      if (!stopping.signal.aborted) onFatal(err instanceof Error ? err : new Error(String(err)));
    },
  );
  log.info({ port, roles: [...config.WORKER_ROLES] }, 'stream worker started');

  return {
    port,
    async stop() {
      stopping.abort(new Error('the worker is stopping'));
      // Stop taking work first; the current chunk finishes and commits inside the consumer's stop.
      await consumerRole?.stopTakingWork();
      await poster.drain(3_000);
      health.stop();
      io?.disconnectSockets(true);
      // Socket.IO's close closes the HTTP server it is attached to.
      await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : httpServer.close(() => resolve())));
      await consumerRole?.disconnect();
      redis.disconnect();
    },
  };
}
