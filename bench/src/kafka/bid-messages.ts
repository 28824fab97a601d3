import { randomUUID } from 'node:crypto';
import { BIDS_TOPIC, bidMessageSchema, type BidMessage } from '@car-auction/contracts';
import type { BenchAuction } from '../setup/auctions';
import type { Bidder } from '../setup/bidders';

/**
 * Bid messages as the cms produces them (contracts' bidMessageSchema, key =
 * auction id), rising by the increment per auction so each one is accepted:
 * the worker's accepted path is the heavier one (state write, outcome, events).
 */
export class BidMessageFactory {
  private readonly step = new Map<string, number>();
  private checked = false;

  constructor(
    private readonly auctions: BenchAuction[],
    private readonly bidders: Bidder[],
  ) {}

  message(i: number, placedAt: number): { key: string; value: string } {
    const auction = this.auctions[i % this.auctions.length]!;
    const bidder = this.bidders[i % this.bidders.length]!;
    const n = this.step.get(auction.documentId) ?? 0;
    this.step.set(auction.documentId, n + 1);
    const bid: BidMessage = {
      schemaVersion: 1,
      bidId: randomUUID(),
      auctionId: auction.documentId,
      bidderId: bidder.id,
      bidderUsername: bidder.username,
      amount: auction.startingPrice + n * auction.minIncrement,
      placedAt,
    };
    // Once per factory: fail loudly if the contract moved away from what we build.
    if (!this.checked) {
      bidMessageSchema.parse(bid);
      this.checked = true;
    }
    return { key: auction.documentId, value: JSON.stringify(bid) };
  }
}

export { BIDS_TOPIC };
