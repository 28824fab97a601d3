import { randomUUID } from 'node:crypto';
import { BIDS_TOPIC, bidMessageSchema, type BidMessage } from '@car-auction/contracts';
import type { BenchAuction } from '../setup/auctions';
import type { Bidder } from '../setup/bidders';
import { BID_MIXES, BidMixPlanner, type BidMixName, type PlannedCounts } from '../load/bid-mix';

/**
 * Bid messages as the cms produces them (contracts' bidMessageSchema, key =
 * auction id), in one of the decide stages' mixes (load/bid-mix.ts): each bid
 * at the auction's minimum next bid, so none is refused as too low, from a
 * bidder other than the leader. Manual: every bid is accepted and takes the
 * lead (the worker's heavier path: state write, outcome, events). Proxy: 30 %
 * carry a maximum, and the engine answers with automatic bids.
 */
export class BidMessageFactory {
  private readonly planner: BidMixPlanner;
  /** Shapes (with and without a maximum) already checked against the contract. */
  private readonly checked = new Set<boolean>();

  constructor(
    private readonly auctions: BenchAuction[],
    private readonly bidders: Bidder[],
    readonly mix: BidMixName = 'manual',
  ) {
    if (auctions.length === 0) throw new Error(`the ${mix} bid mix needs auctions`);
    this.planner = new BidMixPlanner(BID_MIXES[mix], bidders.length);
  }

  /** The auctions this factory bids on (the ledger's rows of this mix are theirs). */
  get auctionIds(): string[] {
    return this.auctions.map((a) => a.documentId);
  }

  /** What the bids made so far should make the engine decide. */
  get planned(): PlannedCounts {
    return { ...this.planner.planned };
  }

  message(i: number, placedAt: number): { key: string; value: string } {
    const auctionIndex = i % this.auctions.length;
    const auction = this.auctions[auctionIndex]!;
    const { bidderIndex, amount, maxAmount } = this.planner.next(auction, auctionIndex);
    const bidder = this.bidders[bidderIndex]!;
    const bid: BidMessage = {
      schemaVersion: 1,
      bidId: randomUUID(),
      auctionId: auction.documentId,
      bidderId: bidder.id,
      bidderUsername: bidder.username,
      amount,
      ...(maxAmount === undefined ? {} : { maxAmount }),
      placedAt,
    };
    // Once per shape: fail loudly if the contract moved away from what we build.
    if (!this.checked.has(maxAmount !== undefined)) {
      bidMessageSchema.parse(bid);
      this.checked.add(maxAmount !== undefined);
    }
    return { key: auction.documentId, value: JSON.stringify(bid) };
  }
}

export { BIDS_TOPIC };
