import http from 'node:http';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { Emitter } from '@socket.io/redis-emitter';
import type { WorkerConfig } from './config';
import type { Logger } from './log';
import { createMetrics } from './ops/metrics';
import { opsHandler } from './ops/ops-routes';
import { ackProjection, defineAuctionCommands } from './redis/auction-commands';
import { partitionOf } from '@car-auction/service-support';
import { AUCTIONS_UNPROJECTED_KEY } from '@car-auction/contracts';
import { ensureLedgerCollection, ledgerModel } from './ledger/bid-ledger';
import { readSnapshots } from './auction-state/read-state';
import { ensureAuctionState, singleFlight } from './auction-state/rebuild-from-ledger';
import { configSyncRequester } from './postback/request-config-sync';
import { createBidConsumer, type BidConsumer } from './consumer/bid-consumer';
import { createProjectionPoster } from './postback/projection-poster';
import { createAuctionCloser } from './closing/auction-closer';
import { createKafkaClient } from './kafka/kafka-client';
import { createRealtime, type RealtimeServer } from './realtime/create-realtime';
import { authenticateWithCms } from './realtime/authenticate-with-cms';
import { changedAuctions, projectionOf, publishClosed, publishDecisions, type RoomEmitter } from './realtime/publisher';

export interface RunningWorker {
  port: number;
  stop(): Promise<void>;
}

/** Connects everything, starts the roles this process has, and returns once it is serving. */
export async function startWorker(config: WorkerConfig, log: Logger, onFatal: (err: Error) => void): Promise<RunningWorker> {
  const metrics = createMetrics();
  const redis = defineAuctionCommands(new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 }));
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis error'));
  const withConsumer = config.WORKER_ROLES.has('consumer');
  const withGateway = config.WORKER_ROLES.has('gateway');

  const httpServer = http.createServer();
  let consumer: BidConsumer | null = null;
  const ops = opsHandler(metrics, () => ({
    ok: redis.status === 'ready' && (!withConsumer || consumer !== null),
    detail: { redis: redis.status, roles: [...config.WORKER_ROLES], partitions: consumer?.assignedPartitions() ?? [] },
  }));
  httpServer.prependListener('request', (req, res) => {
    void ops(req, res).catch((err) => log.error({ err }, 'ops route failed'));
  });

  let io: RealtimeServer | null = null;
  let emitter: RoomEmitter;
  // Extra connections: the adapter's publisher and subscriber, or the emitter's.
  const sideClients: Redis[] = [];
  const sideClient = () => {
    const client = redis.duplicate();
    sideClients.push(client);
    return client;
  };
  if (withGateway) {
    io = createRealtime(httpServer, {
      pubClient: sideClient(),
      subClient: sideClient(),
      readState: async (auctionId) => (await readSnapshots(redis, [auctionId])).get(auctionId) ?? null,
      authenticate: authenticateWithCms(config.CMS_URL),
      corsOrigins: config.CORS_ORIGINS,
      log,
      metrics,
    });
    emitter = io as unknown as RoomEmitter;
  } else {
    // Consumer-only: publish through Redis to whichever gateways run elsewhere.
    emitter = new Emitter(sideClient()) as unknown as RoomEmitter;
  }

  await new Promise<void>((resolve) => httpServer.listen(config.GATEWAY_PORT, config.GATEWAY_HOST, resolve));
  const port = (httpServer.address() as { port: number }).port;

  let mongo: typeof mongoose | null = null;
  let disconnectAdmin: (() => Promise<void>) | null = null;
  let stopCloser: (() => Promise<void>) | null = null;
  const poster = createProjectionPoster({
    cmsUrl: config.CMS_URL,
    token: config.WORKER_API_TOKEN,
    intervalMs: config.POSTBACK_INTERVAL_MS,
    log,
    onDelivered: (auctionId, version) => {
      ackProjection(redis, auctionId, version).catch((err) => log.warn({ auctionId, err: (err as Error).message }, 'could not record a delivered projection'));
    },
  });
  // Post-backs live in memory until sent; what a dead worker still owed is in
  // Redis, and whoever owns those partitions now sends it.
  const postOwedProjections = async (partitions: number[]) => {
    const owned = new Set(partitions);
    const owed = (await redis.smembers(AUCTIONS_UNPROJECTED_KEY)).filter((id) => owned.has(partitionOf(id)));
    for (let i = 0; i < owed.length; i += 200) {
      const snapshots = await readSnapshots(redis, owed.slice(i, i + 200));
      for (const snapshot of snapshots.values()) poster.offer(snapshot.live.auctionId, projectionOf(snapshot));
    }
    if (owed.length > 0) log.info({ auctions: owed.length }, 'posting owed projections to the cms');
  };

  if (withConsumer) {
    mongo = await mongoose.connect(config.MONGO_URL, { serverSelectionTimeoutMS: 10_000 });
    const ledger = ledgerModel(mongo.connection);
    await ensureLedgerCollection(ledger);
    // Nothing is decided before the state in Redis is known to be whole.
    const ensureState = singleFlight(() =>
      ensureAuctionState({ redis, ledger, syncConfig: configSyncRequester(config.CMS_URL, config.WORKER_API_TOKEN), log }),
    );
    await ensureState();
    const kafka = createKafkaClient(config.KAFKA_BROKERS, log);
    // One admin for the consumer (committed offsets) and the closer (high watermarks).
    const admin = kafka.admin();
    const created = createBidConsumer({
      kafka,
      admin,
      groupId: config.KAFKA_GROUP_ID,
      sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
      partitionsConcurrently: config.KAFKA_PARTITIONS_CONCURRENTLY,
      chunkSize: config.DECIDE_CHUNK_SIZE,
      fetch: { minBytes: config.KAFKA_FETCH_MIN_BYTES, maxWaitTimeInMs: config.KAFKA_FETCH_MAX_WAIT_MS },
      log,
      metrics,
      deps: { redis, ledger, ensureState },
      onCrash: onFatal,
      onAssigned: (partitions) => {
        postOwedProjections(partitions).catch((err) => log.warn({ err: (err as Error).message }, 'could not post owed projections'));
      },
      onCommitted: (decisions) => {
        // After the commit: push and post what is now durable. Never blocks consumption.
        const ids = changedAuctions(decisions);
        readSnapshots(redis, ids)
          .then((snapshots) => {
            publishDecisions(emitter, decisions, snapshots);
            for (const snapshot of snapshots.values()) poster.offer(snapshot.live.auctionId, projectionOf(snapshot));
          })
          .catch((err) => log.warn({ err: (err as Error).message }, 'could not publish decisions'));
      },
    });
    await admin.connect();
    disconnectAdmin = () => admin.disconnect();
    await created.start();
    consumer = created;
    const closer = createAuctionCloser({
      redis,
      admin,
      log,
      metrics,
      graceMs: config.CLOSE_GRACE_MS,
      intervalMs: config.CLOSE_CHECK_INTERVAL_MS,
      assignedPartitions: () => created.assignedPartitions(),
      processedUpTo: (p) => created.processedUpTo(p),
      onStateLost: () => {
        ensureState().catch((err) => onFatal(err as Error));
      },
      onClosed: (event) => {
        readSnapshots(redis, [event.auctionId])
          .then((snapshots) => {
            const snapshot = snapshots.get(event.auctionId);
            publishClosed(emitter, event, snapshot);
            if (snapshot) poster.offer(event.auctionId, projectionOf(snapshot));
          })
          .catch((err) => log.warn({ err: (err as Error).message }, 'could not publish a close'));
      },
    });
    closer.start();
    stopCloser = closer.stop;
  }
  log.info({ port, roles: [...config.WORKER_ROLES] }, 'stream worker started');

  return {
    port,
    async stop() {
      // Stop taking work first; the current chunk finishes and commits inside consumer.stop().
      await stopCloser?.();
      await consumer?.stop();
      await disconnectAdmin?.();
      await poster.drain(3_000);
      io?.disconnectSockets(true);
      await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : httpServer.close(() => resolve())));
      await mongo?.disconnect();
      for (const client of sideClients) client.disconnect();
      redis.disconnect();
    },
  };
}
