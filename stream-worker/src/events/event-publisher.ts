import { AUCTION_EVENTS_TOPIC, auctionEventRecords, type AuctionEvent } from '@car-auction/contracts';
import type { LazyProducer } from '../kafka/lazy-producer';

export type PublishAuctionEvents = (events: readonly AuctionEvent[]) => Promise<void>;

/**
 * Produces events to `auction-events`, one record per auction (its events in
 * order): a chunk of a thousand bids on a few auctions is a few records.
 * Resolves once the broker has them.
 */
export function auctionEventPublisher(producer: Pick<LazyProducer, 'send'>): PublishAuctionEvents {
  return async (events) => {
    if (events.length === 0) return;
    await producer.send({ topic: AUCTION_EVENTS_TOPIC, messages: auctionEventRecords(events) });
  };
}
