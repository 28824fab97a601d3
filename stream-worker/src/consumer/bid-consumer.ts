import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { BIDS_DEAD_LETTER_TOPIC, BIDS_TOPIC } from '@car-auction/contracts';
import type { LazyProducer } from '../kafka/lazy-producer';
import type { Logger } from '../log';
import { DependencyError } from '../ops/dependency-error';
import type { DependencyHealth } from '../ops/dependency-health';
import type { Metrics } from '../ops/metrics';
import { decideBatch, type DecideDeps, type Decision, type PoisonMessage } from '../processing/decide-batch';
import { errorMessage, retryUntilDone } from '@car-auction/service-support';
import { createKafkaLiveness } from './kafka-liveness';
import { ABANDONED, retryChunk } from '@car-auction/service-support';

export interface BidConsumerOptions {
  /** The process's Kafka client (kafka/kafka-client.ts): the consumer comes from it. */
  kafka: Kafka;
  /** The process's producer (kafka/lazy-producer.ts), for the dead-letter topic; its owner disconnects it. */
  producer: Pick<LazyProducer, 'send'>;
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
  /** Called when kafkajs crashes for good (an error it will not restart after): the process should end non-zero. */
  onCrash(error: Error): void;
  /** Where the consumer says whether Kafka answers, and which dependency a chunk is waiting for. */
  health: Pick<DependencyHealth, 'up' | 'down' | 'watch'>;
  /** A joined consumer that has heard nothing from the broker for this long reports Kafka down. */
  kafkaSilenceMs?: number;
  /** Messages decided per Redis pipeline / ledger bulk write / commit (config DECIDE_CHUNK_SIZE). */
  chunkSize: number;
  /** How long a fetch may wait to gather bytes (kafkajs minBytes / maxWaitTimeInMs). */
  fetch?: { minBytes: number; maxWaitTimeInMs: number };
  /** Partitions processed at once (kafkajs partitionsConsumedConcurrently; config KAFKA_PARTITIONS_CONCURRENTLY). */
  partitionsConcurrently: number;
}

export interface BidConsumer {
  /**
   * Connects (retrying while the broker is unreachable) and resolves once this
   * member has joined the group; rejects only when `signal` is aborted.
   */
  start(signal: AbortSignal): Promise<void>;
  /** Stops fetching, lets the current chunk finish and commit, then disconnects. */
  stop(): Promise<void>;
  assignedPartitions(): number[];
  /** Next offset to process per partition, as committed by this member. */
  processedUpTo(partition: number): bigint | undefined;
}

export function createBidConsumer(options: BidConsumerOptions): BidConsumer {
  const { kafka, admin, log, metrics, chunkSize } = options;
  const { health } = options;
  const liveness = createKafkaLiveness({ silenceMs: options.kafkaSilenceMs ?? 5_000 });
  health.watch('kafka', liveness.reading);
  const consumer: Consumer = kafka.consumer({
    groupId: options.groupId,
    retry: {
      // Each failure is retried a few times, backing off to at most 5 s apart...
      retries: 5,
      maxRetryTime: 5_000,
      // ...then kafkajs crashes the consumer. A crash on a retriable error (a
      // broker that went away, its retries used up) restarts it: it disconnects,
      // reconnects and rejoins, from the last committed offsets, for as long as
      // the outage lasts. kafkajs asks only about retriable errors; any other
      // (a bug) is a CRASH without restart, which ends the process (onCrash).
      restartOnFailure: async (error) => {
        metrics.consumerRestarts.inc();
        log.warn({ err: error.message }, 'kafka consumer failed; restarting it (reconnect, rejoin)');
        return true;
      },
    },
    sessionTimeout: options.sessionTimeoutMs,
    heartbeatInterval: 1_000,
    rebalanceTimeout: 20_000,
    ...options.fetch,
  });
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
    await options.producer.send({
      topic: BIDS_DEAD_LETTER_TOPIC,
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
      const raws = chunk.map((m) => ({ partition, offset: m.offset, key: m.key, value: m.value }));
      // Until Redis and the ledger hold the whole chunk, it is decided again, and nothing is committed.
      const decisions = await retryChunk(() => decideBatch(raws, { ...options.deps, deadLetter }), {
        keepGoing: () => isRunning() && !isStale(),
        heartbeat,
        onFailure: (err, failures) => {
          if (err instanceof DependencyError) health.down(err.dependency, err.message);
          // The first failure, then every tenth: an outage of minutes retries hundreds of times.
          if (failures === 1 || failures % 10 === 0) {
            log.warn(
              {
                partition,
                from: chunk[0]!.offset,
                failures,
                dependency: (err as Partial<DependencyError>).dependency,
                err: errorMessage(err),
              },
              'chunk not recorded; retrying before any commit',
            );
          }
        },
      });
      if (decisions === ABANDONED) return;
      // Written: a ledger a failed attempt found down answers again. (Redis's and Kafka's
      // readings come from their clients, read at every report.)
      if (decisions.length > 0) health.up('mongo');
      const next = BigInt(chunk[chunk.length - 1]!.offset) + 1n;
      // Commit only now: Redis and the ledger hold every bid of the chunk.
      resolveOffset(chunk[chunk.length - 1]!.offset);
      await consumer.commitOffsets([{ topic: batch.topic, partition, offset: next.toString() }]);
      processed.set(partition, next);
      metrics.consumerLag.set({ partition: String(partition) }, Math.max(0, Number(BigInt(batch.highWatermark) - next)));
      const now = Date.now();
      for (const { bid, decided, offset } of decisions) {
        metrics.bidsDecided.inc({ outcome: decided.outcome, reason: decided.reason ?? '' });
        if (decided.automatic && !decided.replayed) metrics.automaticBids.inc();
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

  // What kafkajs says about the group and the broker, for /healthz (kafka-liveness.ts).
  const heard = () => liveness.heard();
  consumer.on(consumer.events.FETCH, heard);
  consumer.on(consumer.events.HEARTBEAT, heard);
  consumer.on(consumer.events.COMMIT_OFFSETS, heard);
  consumer.on(consumer.events.REBALANCING, () => liveness.rebalancing());
  consumer.on(consumer.events.DISCONNECT, () => {
    // Out of the group: its partitions are someone else's, so the closer must not close their auctions.
    assigned = [];
    liveness.left('disconnected from the broker');
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    assigned = [];
    liveness.left(`consumer failed: ${payload.error.message}`);
    if (payload.restart) return;
    log.error({ err: payload.error }, 'kafka consumer crashed for good');
    options.onCrash(payload.error);
  });
  let firstJoin: (() => void) | null = null;
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    assigned = [...(payload.memberAssignment[BIDS_TOPIC] ?? [])].sort((a, b) => a - b);
    log.info({ partitions: assigned }, 'joined consumer group');
    options.onAssigned?.(assigned);
    loadCommitted(assigned)
      .catch((err) => log.warn({ err: (err as Error).message }, 'could not read committed offsets'))
      .finally(() => {
        // Serving only now: the closer needs the committed offsets of what it owns.
        liveness.joined();
        firstJoin?.();
        firstJoin = null;
      });
  });

  return {
    async start(signal) {
      const joined = new Promise<void>((resolve) => (firstJoin = resolve));
      // kafkajs's connect and subscribe give up after their retries; a broker
      // that is down at start is waited for here. Once running, kafkajs
      // restarts the consumer itself (restartOnFailure above).
      await retryUntilDone(
        async () => {
          await consumer.connect();
          await consumer.subscribe({ topic: BIDS_TOPIC, fromBeginning: true });
        },
        { what: 'connect to Kafka', log, signal, onFailure: (err) => liveness.left(`cannot reach the broker: ${errorMessage(err)}`) },
      );
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: options.partitionsConcurrently,
        eachBatch,
      });
      await new Promise<void>((resolve, reject) => {
        const aborted = () => reject(signal.reason as Error);
        signal.addEventListener('abort', aborted, { once: true });
        void joined.then(() => {
          signal.removeEventListener('abort', aborted);
          resolve();
        });
      });
    },

    async stop() {
      await consumer.stop();
      await consumer.disconnect();
    },

    assignedPartitions: () => assigned,
    processedUpTo: (partition) => processed.get(partition),
  };
}
