import type { Admin, Consumer, EachBatchPayload, Kafka, Producer } from 'kafkajs';
import { BIDS_DEAD_LETTER_TOPIC, BIDS_TOPIC } from '@car-auction/contracts';
import type { Logger } from '../log';
import type { Metrics } from '../ops/metrics';
import { decideBatch, type DecideDeps, type Decision, type PoisonMessage } from '../processing/decide-batch';

export interface BidConsumerOptions {
  /** The process's Kafka client (kafka/kafka-client.ts): the consumer and the dead-letter producer come from it. */
  kafka: Kafka;
  /** The process's admin, connected and disconnected by its owner: reads the group's committed offsets. */
  admin: Pick<Admin, 'fetchOffsets'>;
  groupId: string;
  sessionTimeoutMs: number;
  log: Logger;
  metrics: Metrics;
  deps: Omit<DecideDeps, 'deadLetter'>;
  /** Called after a run's offsets are committed: push events, schedule post-backs. Must not throw. */
  onCommitted(decisions: Decision[]): void;
  /** Called after every join with the partitions this member now owns. Must not throw. */
  onAssigned?(partitions: number[]): void;
  /** Called when kafkajs gives up: the process should end non-zero. */
  onCrash(error: Error): void;
  /** Messages decided per Redis pipeline / ledger bulk write / commit (config DECIDE_CHUNK_SIZE). */
  chunkSize: number;
  /** How long a fetch may wait to gather bytes (kafkajs minBytes / maxWaitTimeInMs). */
  fetch?: { minBytes: number; maxWaitTimeInMs: number };
  /** Partitions processed at once (kafkajs partitionsConsumedConcurrently; config KAFKA_PARTITIONS_CONCURRENTLY). */
  partitionsConcurrently: number;
}

export interface BidConsumer {
  /** Resolves once this member has joined the group. */
  start(): Promise<void>;
  /** Stops fetching, lets the current chunk finish and commit, then disconnects. */
  stop(): Promise<void>;
  assignedPartitions(): number[];
  /** Next offset to process per partition, as committed by this member. */
  processedUpTo(partition: number): bigint | undefined;
}

export function createBidConsumer(options: BidConsumerOptions): BidConsumer {
  const { kafka, admin, log, metrics, chunkSize } = options;
  const consumer: Consumer = kafka.consumer({
    groupId: options.groupId,
    // A crash ends the process; the orchestrator (or the test) restarts it.
    retry: { retries: 5, restartOnFailure: async () => false },
    sessionTimeout: options.sessionTimeoutMs,
    heartbeatInterval: 1_000,
    rebalanceTimeout: 20_000,
    ...options.fetch,
  });
  const deadLetterProducer: Producer = kafka.producer({ idempotent: true, allowAutoTopicCreation: false });
  let assigned: number[] = [];
  const processed = new Map<number, bigint>();

  // After a join, a partition with nothing new to read brings no batch; its
  // committed offset is then what this member has (through its group) processed.
  const loadCommitted = async (partitions: number[]) => {
    const [topic] = await admin.fetchOffsets({ groupId: options.groupId, topics: [BIDS_TOPIC] });
    for (const { partition, offset } of topic?.partitions ?? []) {
      if (!partitions.includes(partition) || Number(offset) < 0) continue;
      const committed = BigInt(offset);
      if ((processed.get(partition) ?? -1n) < committed) processed.set(partition, committed);
    }
  };

  const deadLetter = async (poison: PoisonMessage[]) => {
    await deadLetterProducer.send({
      topic: BIDS_DEAD_LETTER_TOPIC,
      acks: -1,
      messages: poison.map(({ raw, reason }) => ({
        key: raw.key,
        value: raw.value,
        headers: { reason, 'source-topic': BIDS_TOPIC, 'source-partition': String(raw.partition), 'source-offset': raw.offset },
      })),
    });
    metrics.deadLettered.inc(poison.length);
    for (const { raw, reason } of poison)
      log.warn({ partition: raw.partition, offset: raw.offset, reason }, 'poison message dead-lettered');
  };

  const eachBatch = async ({ batch, heartbeat, isRunning, isStale, resolveOffset }: EachBatchPayload) => {
    const { partition } = batch;
    for (let i = 0; i < batch.messages.length; i += chunkSize) {
      // A revoked partition is someone else's now: stop before deciding more.
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(i, i + chunkSize);
      const decisions = await decideBatch(
        chunk.map((m) => ({ partition, offset: m.offset, key: m.key, value: m.value })),
        { ...options.deps, deadLetter },
      );
      const next = BigInt(chunk[chunk.length - 1]!.offset) + 1n;
      // Commit only now: Redis and the ledger hold every bid of the chunk.
      resolveOffset(chunk[chunk.length - 1]!.offset);
      await consumer.commitOffsets([{ topic: batch.topic, partition, offset: next.toString() }]);
      processed.set(partition, next);
      metrics.consumerLag.set({ partition: String(partition) }, Math.max(0, Number(BigInt(batch.highWatermark) - next)));
      const now = Date.now();
      for (const { bid, decided, offset } of decisions) {
        metrics.bidsDecided.inc({ outcome: decided.outcome, reason: decided.reason ?? '' });
        metrics.decisionLatency.observe(Math.max(0, now - bid.placedAt) / 1000);
        if (decided.outcome === 'stale') {
          log.error(
            { auctionId: bid.auctionId, partition, offset, bidId: bid.bidId },
            'bid older than the applied state and without a stored outcome',
          );
        }
      }
      log.debug({ partition, from: chunk[0]!.offset, to: chunk[chunk.length - 1]!.offset, bids: decisions.length }, 'chunk committed');
      options.onCommitted(decisions);
      await heartbeat();
    }
  };

  return {
    async start() {
      const joined = new Promise<void>((resolve) => {
        consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
          assigned = [...(payload.memberAssignment[BIDS_TOPIC] ?? [])].sort((a, b) => a - b);
          log.info({ partitions: assigned }, 'joined consumer group');
          options.onAssigned?.(assigned);
          loadCommitted(assigned)
            .catch((err) => log.warn({ err: (err as Error).message }, 'could not read committed offsets'))
            .finally(resolve);
        });
      });
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        log.error({ err: payload.error }, 'kafka consumer crashed');
        options.onCrash(payload.error);
      });
      await deadLetterProducer.connect();
      await consumer.connect();
      await consumer.subscribe({ topic: BIDS_TOPIC, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: options.partitionsConcurrently,
        eachBatch,
      });
      await joined;
    },

    async stop() {
      await consumer.stop();
      await consumer.disconnect();
      await deadLetterProducer.disconnect();
    },

    assignedPartitions: () => assigned,
    processedUpTo: (partition) => processed.get(partition),
  };
}
