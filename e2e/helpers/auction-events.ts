import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { AUCTION_EVENTS_TOPIC, auctionEventRecordSchema, type AuctionEvent } from '@car-auction/contracts';

export interface AuctionEventTap {
  /** Every event read so far for these auctions (any auction if none given), in topic order per auction. */
  events(auctionIds?: string[]): AuctionEvent[];
  stop(): Promise<void>;
}

/**
 * Reads `auction-events` as a consumer group of its own, from the beginning,
 * and keeps every record's events, checked against the contract: a record the
 * contract refuses fails the test that reads it.
 */
export async function tapAuctionEvents(): Promise<AuctionEventTap> {
  const kafka = new Kafka({
    clientId: 'e2e-auction-events',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer: Consumer = kafka.consumer({ groupId: `e2e-events-${process.pid}-${Date.now()}`, sessionTimeout: 10_000 });
  const seen: AuctionEvent[] = [];
  const invalid: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: AUCTION_EVENTS_TOPIC, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const parsed = auctionEventRecordSchema.safeParse(JSON.parse(message.value?.toString() ?? 'null'));
      if (parsed.success) seen.push(...parsed.data.events);
      else invalid.push(message.value?.toString().slice(0, 300) ?? '(empty)');
    },
  });
  return {
    events(auctionIds) {
      if (invalid.length > 0) throw new Error(`auction-events holds records the contract refuses: ${invalid.join(' | ')}`);
      return auctionIds ? seen.filter((e) => auctionIds.includes(e.auctionId)) : [...seen];
    },
    async stop() {
      await consumer.disconnect();
    },
  };
}
