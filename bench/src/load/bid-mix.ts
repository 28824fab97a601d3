import type { BenchAuction } from '../setup/auctions';
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

/** An auction as its bidders see it: the price, who leads, and (only in the model) the leader's maximum. */
interface AuctionView {
  price: number | null;
  leader: number;
  leaderMax: number;
  step: number;
}

/**
 * The bids of one mix, auction by auction: each bidder bids the minimum next
 * bid the page shows, so no bid is refused as too low when the bids are decided
 * in order. The page's price comes from a model of the engine's rules for the
 * bench's auctions (a fixed increment, no reserve, far from the end); if the
 * engine decided otherwise, the ledger's counts would differ from `planned`.
 * Consecutive bids on an auction come from different bidders: the leader
 * bidding again would only change their own maximum.
 */
export class BidMixPlanner {
  private readonly views = new Map<string, AuctionView>();
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
    let view = this.views.get(auction.documentId);
    if (!view) this.views.set(auction.documentId, (view = { price: null, leader: -1, leaderMax: 0, step: 0 }));
    const inc = auction.minIncrement;
    let bidderIndex = (auctionIndex + view.step++) % this.bidderCount;
    if (bidderIndex === view.leader) bidderIndex = (bidderIndex + 1) % this.bidderCount;
    const amount = view.price === null ? auction.startingPrice : view.price + inc;
    const { min, max } = this.mix.headroomIncrements;
    const withMaximum = this.mix.proxyShare > 0 && this.random() < this.mix.proxyShare;
    const maxAmount = withMaximum ? amount + (min + Math.floor(this.random() * (max - min + 1))) * inc : undefined;
    this.decide(view, bidderIndex, amount, maxAmount ?? amount, inc);
    this.planned.bids++;
    if (withMaximum) this.planned.withMaximum++;
    return maxAmount === undefined ? { bidderIndex, amount } : { bidderIndex, amount, maxAmount };
  }

  /** The engine's rules 6-8 (service-support/lua/auction.lua `settle`) for a bid at the minimum from a non-leader. */
  private decide(view: AuctionView, bidder: number, amount: number, maximum: number, inc: number): void {
    if (view.price === null) {
      Object.assign(view, { price: amount, leader: bidder, leaderMax: maximum });
      this.planned.accepted++;
    } else if (maximum <= view.leaderMax) {
      view.price = Math.min(view.leaderMax, maximum + inc);
      this.planned.outbidByMaximum++;
      this.planned.automaticBids++;
    } else {
      if (view.leaderMax > view.price && amount <= view.leaderMax) this.planned.automaticBids++;
      view.price = Math.max(amount, Math.min(maximum, view.leaderMax + inc));
      Object.assign(view, { leader: bidder, leaderMax: maximum });
      this.planned.accepted++;
    }
  }
}
