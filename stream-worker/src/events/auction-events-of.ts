import { auctionEventIds, type AuctionEvent } from '@car-auction/contracts';
import type { Decision } from '../processing/decide-batch';

/**
 * The facts a run of decisions established, in decision order: who was
 * outbid (including a bidder whose bid a standing maximum beat at once), who
 * took the lead, whose bid met the reserve. Derived only from each
 * bid and its stored outcome, so a redelivered bid (whose outcome Redis
 * returns unchanged) yields the same events with the same ids.
 */
export function auctionEventsOf(decisions: readonly Decision[]): AuctionEvent[] {
  const events: AuctionEvent[] = [];
  for (const { bid, decided } of decisions) {
    if (decided.outcome === 'stale' || decided.currentPrice === null) continue;
    if (decided.reason === 'outbid_by_maximum') {
      // A standing maximum answered at once: its bidder is outbid as they bid (eBay mails this too).
      events.push({
        kind: 'outbid',
        eventId: auctionEventIds.outbid(bid.bidId, bid.bidderId),
        auctionId: bid.auctionId,
        at: bid.placedAt,
        bidId: bid.bidId,
        price: decided.currentPrice,
        userId: bid.bidderId,
      });
      continue;
    }
    if (!decided.changed) continue;
    const base = { auctionId: bid.auctionId, at: bid.placedAt, bidId: bid.bidId, price: decided.currentPrice };
    const { leaderId, previousLeaderId } = decided;
    if (previousLeaderId !== null) {
      events.push({ ...base, kind: 'outbid', eventId: auctionEventIds.outbid(bid.bidId, previousLeaderId), userId: previousLeaderId });
    }
    // The lead changed hands, or this was the auction's first bid (no one led before it).
    if (leaderId !== null && (previousLeaderId !== null || decided.bidCount === 1)) {
      events.push({ ...base, kind: 'leading', eventId: auctionEventIds.leading(bid.bidId, leaderId), userId: leaderId });
    }
    if (decided.reserveJustMet) events.push({ ...base, kind: 'reserve_met', eventId: auctionEventIds.reserveMet(bid.bidId) });
  }
  return events;
}
