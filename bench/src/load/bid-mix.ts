import type { BenchAuction } from '../setup/auctions';
import { OracleAuction } from '@car-auction/test-support/auction-oracle';
import { seededRandom } from '@car-auction/test-support/random';

export type BidMixName = 'manual' | 'proxy';
export const BID_MIX_NAMES: readonly BidMixName[] = ['manual', 'proxy'];

export interface BidMix {
  name: BidMixName;
  /** Share of bids that carry a maximum. */
  proxyShare: number;
  /** A maximum is the bid's amount plus this many increments, drawn uniformly (inclusive). */
  headroomIncrements: { min: number; max: number };
  seed: number;
}

/**
 * The decide stages' two mixes. Proxy: 30 % of bids leave a maximum 1 to 8
 * increments above their amount. A maximum above the standing one leads (after
 * the engine bids the old leader up to their maximum, an automatic bid, when
 * that maximum was above the price); one at or below it loses at once
 * (outbid_by_maximum, and an automatic bid for the leader), and so does every
 * plain bid below a standing maximum.
 */
export const BID_MIXES: Record<BidMixName, BidMix> = {
  manual: { name: 'manual', proxyShare: 0, headroomIncrements: { min: 0, max: 0 }, seed: 0x12_0001 },
  proxy: { name: 'proxy', proxyShare: 0.3, headroomIncrements: { min: 1, max: 8 }, seed: 0x12_0002 },
};

/** What the planned bids make the engine decide, if each is decided in order (the bench's own expectation). */
export interface PlannedCounts {
  bids: number;
  /** Bids that carry a maximum. */
  withMaximum: number;
  accepted: number;
  outbidByMaximum: number;
  /** Automatic bids the engine makes for a leader's maximum (ledger rows of kind 'proxy'). */
  automaticBids: number;
}

export interface PlannedBid {
  bidderIndex: number;
  amount: number;
  maxAmount?: number;
}

/** The far end of the bench's auctions, as the model sees it: no bid of a run comes near it. */
const MODEL_END = Number.MAX_SAFE_INTEGER;

/**
 * The bids of one mix, auction by auction: each bidder bids the minimum next
 * bid the page shows, so no bid is refused as too low when the bids are decided
 * in order. The page's price comes from test-support's oracle of the auction
 * rules (the same one the property test holds the engine to), run on the bench's
 * auctions (a fixed increment, no reserve, far from the end); if the engine
 * decided otherwise, the ledger's counts would differ from `planned`.
 * Consecutive bids on an auction come from different bidders: the leader
 * bidding again would only change their own maximum.
 */
export class BidMixPlanner {
  private readonly auctions = new Map<string, { model: OracleAuction; step: number; offset: number }>();
  private readonly random: () => number;
  readonly planned: PlannedCounts = { bids: 0, withMaximum: 0, accepted: 0, outbidByMaximum: 0, automaticBids: 0 };

  constructor(
    readonly mix: BidMix,
    private readonly bidderCount: number,
  ) {
    if (bidderCount < 2) throw new Error('a bid mix needs at least two bidders');
    this.random = seededRandom(mix.seed);
  }

  next(auction: BenchAuction, auctionIndex: number): PlannedBid {
    let entry = this.auctions.get(auction.documentId);
    if (!entry) {
      const model = new OracleAuction({
        startsAt: 0,
        endsAt: MODEL_END,
        startingPrice: auction.startingPrice,
        minIncrement: auction.minIncrement,
        reservePrice: 0,
        softCloseMs: 0,
        softCloseCapMs: 0,
        incrementTiers: [],
      });
      this.auctions.set(auction.documentId, (entry = { model, step: 0, offset: 0 }));
    }
    const { model } = entry;
    let bidderIndex = (auctionIndex + entry.step++) % this.bidderCount;
    if (bidderIndex === model.state.leaderId) bidderIndex = (bidderIndex + 1) % this.bidderCount;
    const amount = model.minimumNextBid;
    const { min, max } = this.mix.headroomIncrements;
    const withMaximum = this.mix.proxyShare > 0 && this.random() < this.mix.proxyShare;
    const maxAmount = withMaximum ? amount + (min + Math.floor(this.random() * (max - min + 1))) * auction.minIncrement : undefined;
    const decision = model.bid({
      bidId: `${auction.documentId}-${entry.offset}`,
      bidderId: bidderIndex,
      username: `bidder${bidderIndex}`,
      amount,
      maxAmount,
      placedAt: 1,
      offset: entry.offset++,
    });
    this.planned.bids++;
    if (withMaximum) this.planned.withMaximum++;
    if (decision.outcome === 'accepted') this.planned.accepted++;
    if (decision.reason === 'outbid_by_maximum') this.planned.outbidByMaximum++;
    if (decision.automatic) this.planned.automaticBids++;
    return maxAmount === undefined ? { bidderIndex, amount } : { bidderIndex, amount, maxAmount };
  }
}
