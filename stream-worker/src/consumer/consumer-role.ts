import type { Redis } from 'ioredis';
import mongoose from 'mongoose';
import type { AuctionClosedEvent } from '@car-auction/contracts';
import { ensureAuctionState, singleFlight } from '../auction-state/rebuild-from-ledger';
import { createAuctionCloser } from '../closing/auction-closer';
import type { WorkerConfig } from '../config';
import { createKafkaClient } from '../kafka/kafka-client';
import { ensureLedgerCollection, ledgerModel } from '../ledger/bid-ledger';
import type { Logger } from '../log';
import type { Metrics } from '../ops/metrics';
import { configSyncRequester } from '../postback/request-config-sync';
import type { Decision } from '../processing/decide-batch';
import { createBidConsumer } from './bid-consumer';

export interface ConsumerRoleDeps {
  config: WorkerConfig;
  redis: Redis;
  log: Logger;
  metrics: Metrics;
  /** Kafka gave up, or the state could not be rebuilt: the process should end non-zero. */
  onFatal(err: Error): void;
  /** After every join, with the partitions this member now owns. Must not throw. */
  onAssigned(partitions: number[]): void;
  /** After a chunk's offsets are committed. Must not throw. */
  onCommitted(decisions: Decision[]): void;
  /** After an auction is closed in Redis. Must not throw. */
  onClosed(event: AuctionClosedEvent): void;
}

export interface ConsumerRole {
  assignedPartitions(): number[];
  /** The closer, then the consumer (its current chunk finishes and commits), then the Kafka admin. */
  stopTakingWork(): Promise<void>;
  /** The ledger's connection, once nothing decides any more. */
  disconnect(): Promise<void>;
}

/**
 * The deciding side of a worker: the ledger, the auction state in Redis (rebuilt
 * from the ledger first if Redis lost it), the bid consumer and the auction
 * closer. Resolves once the consumer has joined its group and the closer runs.
 */
export async function startConsumerRole(deps: ConsumerRoleDeps): Promise<ConsumerRole> {
  const { config, redis, log, metrics, onFatal } = deps;
  const mongo = await mongoose.connect(config.MONGO_URL, { serverSelectionTimeoutMS: 10_000 });
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
  const consumer = createBidConsumer({
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
    onAssigned: deps.onAssigned,
    onCommitted: deps.onCommitted,
  });
  await admin.connect();
  await consumer.start();

  const closer = createAuctionCloser({
    redis,
    admin,
    log,
    metrics,
    graceMs: config.CLOSE_GRACE_MS,
    intervalMs: config.CLOSE_CHECK_INTERVAL_MS,
    assignedPartitions: () => consumer.assignedPartitions(),
    processedUpTo: (partition) => consumer.processedUpTo(partition),
    onStateLost: () => {
      ensureState().catch((err) => onFatal(err as Error));
    },
    onClosed: deps.onClosed,
  });
  closer.start();

  return {
    assignedPartitions: () => consumer.assignedPartitions(),
    async stopTakingWork() {
      await closer.stop();
      await consumer.stop();
      await admin.disconnect();
    },
    async disconnect() {
      await mongo.disconnect();
    },
  };
}
