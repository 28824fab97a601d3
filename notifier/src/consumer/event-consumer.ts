import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { AUCTION_EVENTS_TOPIC, auctionEventRecordSchema, type AuctionEvent } from '@car-auction/contracts';
import { ABANDONED, errorMessage, retryChunk, retryUntilDone } from '@car-auction/service-support';
import type { Logger } from '../log';
import type { NotificationDoc } from '../store/models';

export interface EventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  /** Where a group without committed offsets starts (config NOTIFIER_START_AT). */
  fromBeginning: boolean;
  sessionTimeoutMs: number;
  log: Logger;
  /** Records a batch's events (planning/record-notifications.ts); resolves with the notifications made. */
  record(events: AuctionEvent[]): Promise<NotificationDoc[]>;
  /** After the batch's offsets are committed. Must not throw. */
  onRecorded(created: NotificationDoc[]): void;
  onKafka(up: boolean, reason?: string): void;
}

/**
 * A chunk (recorded, then committed) ends at this many records or events,
 * whichever comes first: one record holds all of an auction's events from
 * one worker chunk, so a count of records alone does not bound the work.
 */
const CHUNK_RECORDS = 500;
const CHUNK_EVENTS = 400;

/**
 * The notifier's consumer group on `auction-events`. A chunk's events are
 * recorded (notifications and mails, idempotently) before its offsets are
 * committed, so a crash redelivers them and the store makes nothing twice.
 * A store or cms outage holds the chunk (retried, heartbeating) rather than
 * skipping it. A record the contract refuses can never become valid: it is
 * logged and passed over.
 */
export function createEventConsumer(options: EventConsumerOptions) {
  const { kafka, log } = options;
  const consumer: Consumer = kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: options.sessionTimeoutMs,
    heartbeatInterval: 1_000,
    retry: {
      retries: 5,
      maxRetryTime: 5_000,
      restartOnFailure: async (error) => {
        log.warn({ err: error.message }, 'kafka consumer failed; restarting it (reconnect, rejoin)');
        options.onKafka(false, error.message);
        return true;
      },
    },
  });

  const eachBatch = async ({ batch, heartbeat, isRunning, isStale, resolveOffset }: EachBatchPayload) => {
    for (let next = 0; next < batch.messages.length;) {
      if (!isRunning() || isStale()) return;
      const chunk: KafkaMessage[] = [];
      const events: AuctionEvent[] = [];
      while (next < batch.messages.length && chunk.length < CHUNK_RECORDS && events.length < CHUNK_EVENTS) {
        const message = batch.messages[next++]!;
        chunk.push(message);
        const parsed = auctionEventRecordSchema.safeParse(parseJson(message.value?.toString()));
        if (parsed.success) events.push(...parsed.data.events);
        else
          log.error(
            { partition: batch.partition, offset: message.offset, issues: parsed.error.issues.slice(0, 3) },
            'invalid auction event record skipped',
          );
      }
      const created = await retryChunk(() => options.record(events), {
        keepGoing: () => isRunning() && !isStale(),
        heartbeat,
        onFailure: (err, failures) => {
          if (failures === 1 || failures % 10 === 0) {
            log.warn(
              { partition: batch.partition, from: chunk[0]!.offset, failures, err: errorMessage(err) },
              'events not recorded; retrying before any commit',
            );
          }
        },
      });
      if (created === ABANDONED) return;
      const last = chunk[chunk.length - 1]!.offset;
      resolveOffset(last);
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
      options.onRecorded(created);
      await heartbeat();
    }
  };

  consumer.on(consumer.events.FETCH, () => options.onKafka(true));
  consumer.on(consumer.events.CRASH, ({ payload }) => options.onKafka(false, payload.error.message));

  return {
    async start(signal: AbortSignal) {
      await retryUntilDone(
        async () => {
          await consumer.connect();
          await consumer.subscribe({ topic: AUCTION_EVENTS_TOPIC, fromBeginning: options.fromBeginning });
        },
        { what: 'connect to Kafka', log, signal, onFailure: (err) => options.onKafka(false, errorMessage(err)) },
      );
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: 4, eachBatch });
    },
    async stop() {
      await consumer.stop();
      await consumer.disconnect();
    },
  };
}

function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? null : JSON.parse(text);
  } catch {
    return null;
  }
}
