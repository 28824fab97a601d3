import type { Kafka, Producer, ProducerRecord } from 'kafkajs';

export interface LazyProducer {
  /** Sends with acks from all in-sync replicas; rejects if the broker did not take it. */
  send(record: Omit<ProducerRecord, 'acks'>): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * One idempotent producer for what the worker writes to Kafka (dead letters,
 * auction events), connected on first use and replaced after a failure, so a
 * broker outage costs the next send a reconnect, not the process. Concurrent
 * partitions share one connect.
 */
export function createLazyProducer(kafka: Kafka): LazyProducer {
  let current: Promise<Producer> | null = null;
  const connected = (): Promise<Producer> => {
    current ??= (async () => {
      const candidate = kafka.producer({ idempotent: true, allowAutoTopicCreation: false });
      try {
        await candidate.connect();
        return candidate;
      } catch (err) {
        current = null;
        throw err;
      }
    })();
    return current;
  };

  return {
    async send(record) {
      const connecting = connected();
      const producer = await connecting;
      try {
        await producer.send({ ...record, acks: -1 });
      } catch (err) {
        if (current === connecting) current = null;
        producer.disconnect().catch(() => undefined);
        throw err;
      }
    },
    async disconnect() {
      const last = current;
      current = null;
      await (await last?.catch(() => null))?.disconnect();
    },
  };
}
