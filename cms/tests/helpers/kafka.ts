import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { BIDS_TOPIC } from '@car-auction/contracts';

const kafka = new Kafka({
  clientId: 'cms-tests',
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  logLevel: logLevel.NOTHING,
});

export type Offsets = Map<number, bigint>;

/** The end (high watermark) of every partition of `bids`. */
export async function topicEnd(): Promise<Offsets> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(BIDS_TOPIC);
    return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
}

export async function partitionCount(): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [BIDS_TOPIC] });
    return topics[0]?.partitions.length ?? 0;
  } finally {
    await admin.disconnect();
  }
}

export interface ReadMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
}

/** Messages appended to `bids` after `from` (and before the end read now). */
export async function messagesSince(from: Offsets): Promise<ReadMessage[]> {
  const end = await topicEnd();
  const wanted = [...end].filter(([p, high]) => high > (from.get(p) ?? 0n));
  if (wanted.length === 0) return [];
  const consumer = kafka.consumer({ groupId: `cms-tests-${Date.now()}-${Math.random()}` });
  const found: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: BIDS_TOPIC, fromBeginning: true });
    // Seeking only skips old messages faster; the offset filter below is what decides.
    // It is valid once the group is joined, not merely once run() was called.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      for (const [partition] of wanted) consumer.seek({ topic: BIDS_TOPIC, partition, offset: String(from.get(partition) ?? 0n) });
    });
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out reading bids')), 20_000);
      const remaining = new Set(wanted.map(([p]) => p));
      void consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }: { partition: number; message: KafkaMessage }) => {
            const high = end.get(partition) ?? 0n;
            const offset = BigInt(message.offset);
            if (offset >= (from.get(partition) ?? 0n) && offset < high) {
              found.push({
                partition,
                offset: message.offset,
                key: message.key?.toString() ?? null,
                value: message.value?.toString() ?? null,
              });
            }
            if (offset + 1n >= high) remaining.delete(partition);
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    await done;
  } finally {
    await consumer.disconnect();
  }
  return found;
}
