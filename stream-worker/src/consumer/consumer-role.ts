import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { Admin } from 'kafkajs';
import type { AuctionClosedEvent } from '@car-auction/contracts';
import { ensureAuctionState, singleFlight } from '../auction-state/rebuild-from-ledger';
import { createAuctionCloser } from '../closing/auction-closer';
import type { WorkerConfig } from '../config';
import { auctionEventPublisher } from '../events/event-publisher';
import { createEventTicker } from '../events/event-ticker';
import { createKafkaClient } from '../kafka/kafka-client';
import { createLazyProducer, type LazyProducer } from '../kafka/lazy-producer';
import { ensureLedgerCollection, ledgerModel } from '../ledger/bid-ledger';
import { connectLedger } from '../ledger/ledger-connection';
import type { Logger } from '../log';
import { DependencyError } from '../ops/dependency-error';
import type { DependencyHealth } from '../ops/dependency-health';
import type { Metrics } from '../ops/metrics';
import { configSyncRequester } from '../postback/request-config-sync';
import type { Decision } from '../processing/decide-batch';
import { errorMessage, retryUntilDone, settleWithin } from '@car-auction/service-support';
import { createBidConsumer, type BidConsumer } from './bid-consumer';

export interface ConsumerRoleDeps {
  config: WorkerConfig;
  redis: Redis;
  log: Logger;
  metrics: Metrics;
  health: DependencyHealth;
  /** kafkajs crashed for good (an error it does not restart after): the process should end non-zero. */
  onFatal(err: Error): void;
  /** After every join, with the partitions this member now owns. Must not throw. */
  onAssigned(partitions: number[]): void;
  /** After a chunk's offsets are committed. Must not throw. */
  onCommitted(decisions: Decision[]): void;
  /** After an auction is closed in Redis. Must not throw. */
  onClosed(event: AuctionClosedEvent): void;
}

export interface ConsumerRole {
  /**
   * Connects the ledger, makes sure the auction state is whole, joins the
   * group and starts the closer, each step retried while what it needs is
   * down. Resolves once the consumer has joined; rejects only when `signal`
   * is aborted (the process is stopping).
   */
  start(signal: AbortSignal): Promise<void>;
  /** The start step under way ("connecting to the ledger", ...), or null once started. For /healthz. */
  startingStep(): string | null;
  assignedPartitions(): number[];
  /** The closer and the event ticker, then the consumer (its current chunk finishes and commits), then the producer and the Kafka admin: whatever was started. */
  stopTakingWork(): Promise<void>;
  /** The ledger's connection, once nothing decides any more. */
  disconnect(): Promise<void>;
}

/** How often a dependency that is down is asked again whether it is back. */
const PROBE_EVERY_MS = 2_000;
/**
 * How long a stop waits for a start step to give up. Most steps end at once
 * when aborted; a rebuild waiting for the cms does not, and what it holds
 * (the rebuild lock, a half-written state) is safe to abandon.
 */
const START_UNWIND_MS = 5_000;

/**
 * The deciding side of a worker: the ledger, the auction state in Redis (rebuilt
 * from the ledger first if Redis lost it), the bid consumer and the auction
 * closer. A dependency that is down, at start or later, is waited for: the
 * worker keeps serving its sockets and says on /healthz what it waits for.
 */
export function createConsumerRole(deps: ConsumerRoleDeps): ConsumerRole {
  const { config, redis, log, metrics, health } = deps;
  let ledgerConnection: Connection | null = null;
  let admin: Admin | null = null;
  let adminConnected = false;
  let consumer: BidConsumer | null = null;
  let closer: ReturnType<typeof createAuctionCloser> | null = null;
  let ticker: ReturnType<typeof createEventTicker> | null = null;
  let producer: LazyProducer | null = null;
  let starting: Promise<void> | null = null;
  let step: string | null = 'not started';

  const syncConfig = configSyncRequester(config.CMS_URL, config.WORKER_API_TOKEN, {
    onAttempt: (answered, reason) => (answered ? health.up('cms') : health.down('cms', reason ?? 'no answer')),
  });
  /** A failed step's error names what it needed: say it is down. */
  const blame = (err: unknown) => {
    if (err instanceof DependencyError) health.down(err.dependency, err.message);
  };

  const run = async (signal: AbortSignal) => {
    step = 'connecting to the ledger';
    const connection = await connectLedger({ url: config.MONGO_URL, log, health, signal });
    ledgerConnection = connection;
    const ledger = ledgerModel(connection);
    health.probeWhileDown(
      'mongo',
      // A read that reaches the storage: FerretDB answers its socket even while its PostgreSQL is down.
      () => settleWithin(ledger.findOne({ _id: '' }).lean().exec(), 3_000, 'the ledger').then(() => undefined),
      PROBE_EVERY_MS,
    );
    step = 'creating the ledger collection';
    await retryUntilDone(() => ensureLedgerCollection(ledger), {
      what: 'create the ledger collection',
      log,
      signal,
      onFailure: (err) => health.down('mongo', errorMessage(err)),
    });
    // Nothing is decided before the state in Redis is known to be whole.
    const ensureState = singleFlight(() => ensureAuctionState({ redis, ledger, syncConfig, log }));
    step = 'checking the auction state in Redis (rebuilt from the ledger if lost)';
    await retryUntilDone(ensureState, { what: 'check or rebuild the auction state', log, signal, onFailure: blame });

    const kafka = createKafkaClient(config.KAFKA_BROKERS, log);
    // One admin for the consumer (committed offsets) and the closer (high watermarks).
    const kafkaAdmin = kafka.admin();
    admin = kafkaAdmin;
    // One producer for the dead-letter topic and the auction events.
    const kafkaProducer = createLazyProducer(kafka);
    producer = kafkaProducer;
    const publishEvents = auctionEventPublisher(kafkaProducer);
    consumer = createBidConsumer({
      kafka,
      producer: kafkaProducer,
      admin: kafkaAdmin,
      groupId: config.KAFKA_GROUP_ID,
      sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
      partitionsConcurrently: config.KAFKA_PARTITIONS_CONCURRENTLY,
      chunkSize: config.DECIDE_CHUNK_SIZE,
      fetch: { minBytes: config.KAFKA_FETCH_MIN_BYTES, maxWaitTimeInMs: config.KAFKA_FETCH_MAX_WAIT_MS },
      log,
      metrics,
      health,
      deps: { redis, ledger, ensureState, publishEvents },
      onCrash: deps.onFatal,
      onAssigned: deps.onAssigned,
      onCommitted: deps.onCommitted,
    });
    step = 'connecting to Kafka';
    await retryUntilDone(() => kafkaAdmin.connect(), { what: 'connect the Kafka admin', log, signal });
    adminConnected = true;
    step = 'joining the consumer group';
    await consumer.start(signal);
    step = null;

    const joined = consumer;
    closer = createAuctionCloser({
      redis,
      admin: kafkaAdmin,
      log,
      metrics,
      graceMs: config.CLOSE_GRACE_MS,
      intervalMs: config.CLOSE_CHECK_INTERVAL_MS,
      // Closing needs Redis and the high watermarks; while either is away a tick would only fail.
      canWork: () => health.isUp('redis') && health.isUp('kafka'),
      assignedPartitions: () => joined.assignedPartitions(),
      processedUpTo: (partition) => joined.processedUpTo(partition),
      onStateLost: () => {
        // The next tick asks again if this rebuild fails; nothing closes until one succeeds.
        ensureState().catch((err) => {
          blame(err);
          log.warn({ err: errorMessage(err) }, 'auction state rebuild failed; will retry');
        });
      },
      onClosed: deps.onClosed,
    });
    closer.start();
    ticker = createEventTicker({
      redis,
      publish: publishEvents,
      log,
      intervalMs: config.EVENTS_TICK_MS,
      canWork: () => health.isUp('redis') && health.isUp('kafka'),
      assignedPartitions: () => joined.assignedPartitions(),
    });
    ticker.start();
  };

  return {
    start(signal) {
      starting ??= run(signal);
      return starting;
    },
    startingStep: () => step,
    assignedPartitions: () => consumer?.assignedPartitions() ?? [],
    async stopTakingWork() {
      // A start still under way has been aborted by now; let it unwind (bounded) before stopping what it made.
      let unwound: NodeJS.Timeout | undefined;
      await Promise.race([
        starting?.catch(() => undefined),
        new Promise<void>((resolve) => (unwound = setTimeout(resolve, START_UNWIND_MS))),
      ]);
      clearTimeout(unwound);
      await closer?.stop();
      await ticker?.stop();
      await consumer?.stop();
      await producer?.disconnect();
      if (adminConnected) await admin?.disconnect();
    },
    async disconnect() {
      // Our own close is no outage: not reported as the ledger going down.
      ledgerConnection?.removeAllListeners('disconnected');
      await ledgerConnection?.close();
    },
  };
}
