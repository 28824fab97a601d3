import { randomUUID } from 'node:crypto';
import type { BenchAuction } from '../setup/auctions';
import type { Bidder } from '../setup/bidders';
import type { BidRequest } from './open-loop-http';

/**
 * The i-th bid of a stage: auctions and bidders in rotation, and on each
 * auction amounts that rise by the minimum increment with every bid sent, so
 * every bid is valid when it is sent (a bid overtaken in flight by a later,
 * higher one is refused, as it would be in production).
 */
export class BidPlan {
  private readonly nextStep = new Map<string, number>();

  constructor(
    private readonly auctions: BenchAuction[],
    private readonly bidders: Bidder[],
    private readonly pathOf: (auctionId: string) => string,
  ) {
    if (auctions.length === 0 || bidders.length === 0) throw new Error('a bid plan needs auctions and bidders');
  }

  bid(i: number): { auction: BenchAuction; bidder: Bidder; amount: number } {
    const auction = this.auctions[i % this.auctions.length]!;
    const bidder = this.bidders[i % this.bidders.length]!;
    const step = this.nextStep.get(auction.documentId) ?? 0;
    this.nextStep.set(auction.documentId, step + 1);
    return { auction, bidder, amount: auction.startingPrice + step * auction.minIncrement };
  }

  request(i: number): BidRequest & { auctionId: string; amount: number } {
    const { auction, bidder, amount } = this.bid(i);
    return {
      path: this.pathOf(auction.documentId),
      token: bidder.jwt,
      body: JSON.stringify({ amount }),
      idempotencyKey: randomUUID(),
      auctionId: auction.documentId,
      amount,
    };
  }
}

export const realBidPath = (auctionId: string) => `/api/auctions/${auctionId}/bids`;
export const baselineBidPath = (auctionId: string) => `/api/baseline/auctions/${auctionId}/bids`;
