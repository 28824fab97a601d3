import type { Core } from '@strapi/strapi';
import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';
import { BIDS_TOPIC, type BidMessage } from '@car-auction/contracts';
import { kafkaLogCreator } from '@car-auction/service-support';
import { withDeadline } from '../../../bids/with-deadline';
import { createSendBatcher } from '../../../bids/send-batcher';

export class BidsUnavailableError extends Error {
  constructor(reason: string) {
    super(`Bids cannot be accepted right now (${reason}); please try again in a few seconds`);
    this.name = 'BidsUnavailableError';
  }
}

export interface BidProducerService {
  start(): Promise<void>;
  produce(message: BidMessage): Promise<void>;
  stop(): Promise<void>;
}

interface KafkaConfig {
  brokers: string[];
  clientId: string;
  produceTimeoutMs: number;
}

/**
 * One long-lived idempotent producer for the whole process, created in bootstrap
 * and disconnected in destroy. If Kafka is unreachable the cms still starts;
 * the producer connects on the next bid.
 */
export default ({ strapi }: { strapi: Core.Strapi }): BidProducerService => {
  const config = strapi.config.get('kafka') as KafkaConfig;
  const kafka = new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    // Short timeouts and few retries: a bidder waits at most produceTimeoutMs,
    // so there is no point in a client that keeps trying for a minute.
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
    logLevel: logLevel.WARN,
    // Strapi's log prints the message only, so the entry's fields go into the line.
    logCreator: kafkaLogCreator({
      error: (message, extra) => strapi.log.error(`bid producer: ${message} ${JSON.stringify(extra)}`),
      warn: (message, extra) => strapi.log.warn(`bid producer: ${message} ${JSON.stringify(extra)}`),
    }),
  });

  let producer: Producer | null = null;
  let connecting: Promise<Producer> | null = null;
  let stopped = false;

  const connected = (): Promise<Producer> => {
    if (producer) return Promise.resolve(producer);
    if (!connecting) {
      const candidate = kafka.producer({
        idempotent: true,
        // The idempotent producer defaults to retrying forever; bounded retries
        // keep a dead broker from pinning bids in memory. After a failure the
        // producer is replaced (below), so sequence numbers start afresh.
        retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
        allowAutoTopicCreation: false,
        // murmur2 like the Java client: the same key lands on the same partition whichever client produced it.
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      connecting = candidate
        .connect()
        .then(() => {
          producer = candidate;
          return candidate;
        })
        .finally(() => {
          connecting = null;
        });
    }
    return connecting;
  };

  const discard = (broken: Producer | null) => {
    if (broken && producer === broken) producer = null;
    broken?.disconnect().catch(() => undefined);
  };

  // Bids that arrive while a produce request is in flight share the next one.
  const batcher = createSendBatcher<BidMessage>(async (messages) => {
    let used: Producer | null = null;
    try {
      used = await connected();
      // acks -1: the 202 means every in-sync replica has the bid.
      await used.send({
        topic: BIDS_TOPIC,
        acks: -1,
        messages: messages.map((m) => ({ key: m.auctionId, value: JSON.stringify(m) })),
      });
    } catch (err) {
      discard(used);
      throw err;
    }
  });

  return {
    async start() {
      try {
        await withDeadline(connected(), config.produceTimeoutMs, () => new Error('timed out'));
        strapi.log.info(`bid producer connected to ${config.brokers.join(',')}`);
      } catch (err) {
        strapi.log.warn(`bid producer could not connect yet (${(err as Error).message}); will retry on the first bid`);
      }
    },

    async produce(message) {
      if (stopped) throw new BidsUnavailableError('the server is shutting down');
      const submitted = batcher.submit(message);
      try {
        await withDeadline(
          submitted.done,
          config.produceTimeoutMs,
          () => new BidsUnavailableError('the bid stream did not answer in time'),
        );
      } catch (err) {
        // Still queued: never sent, so the 503 is certain. Already sent: it may yet
        // count, which is what the Idempotency-Key is for.
        submitted.cancel();
        if (err instanceof BidsUnavailableError) throw err;
        strapi.log.warn(`bid produce failed: ${(err as Error).message}`);
        throw new BidsUnavailableError('the bid stream is unreachable');
      }
    },

    async stop() {
      stopped = true;
      const current = producer ?? (connecting ? await connecting.catch(() => null) : null);
      producer = null;
      await current?.disconnect();
    },
  };
};
