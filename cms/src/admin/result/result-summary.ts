import { moneyCell } from '../../plugins/money/admin/src/money-columns';

/** The fields of an auction's edit-view document its result is read from (money as the database gives it). */
export interface ClosedAuction {
  saleStatus?: string | null;
  currency?: string | null;
  currentPrice?: unknown;
  reservePrice?: unknown;
  bidCount?: number | null;
  leaderUserId?: number | null;
  withdrawnAt?: string | null;
  withdrawReason?: string | null;
}

export interface ResultSummary {
  headline: string;
  detail: string | null;
  /** The bidder to follow up with (the winner, or the highest bidder of an unsold auction). */
  bidderId: number | null;
}

/**
 * What an admin follows up on once an auction is over: who won and for how
 * much; for an unsold one, the highest bid and who made it, so the seller can
 * offer the car to that bidder (a second-chance offer, as eBay calls it);
 * for a withdrawn one, why. Null while it runs.
 */
export function resultSummary(auction: ClosedAuction): ResultSummary | null {
  const row = auction as Record<string, unknown>;
  const money = (field: 'currentPrice' | 'reservePrice') => {
    const text = moneyCell(row, { name: field });
    return text === '-' ? null : text;
  };
  const price = money('currentPrice');
  const bidder = auction.leaderUserId ?? null;
  const bids = auction.bidCount ?? 0;
  if (auction.saleStatus === 'withdrawn' || auction.withdrawnAt) {
    return { headline: 'Withdrawn', detail: auction.withdrawReason ?? null, bidderId: null };
  }
  if (auction.saleStatus === 'sold') {
    return { headline: `Sold for ${price ?? 'an unknown price'}`, detail: 'Its sale is under Sale, awaiting payment.', bidderId: bidder };
  }
  if (auction.saleStatus !== 'unsold') return null;
  if (bids === 0 || price === null) return { headline: 'Unsold: no bids', detail: null, bidderId: null };
  const reserve = money('reservePrice');
  return {
    headline: `Unsold: highest bid ${price}`,
    detail: `${reserve ? `The reserve of ${reserve} was not met. ` : ''}The seller can offer the car to this bidder at an agreed price.`,
    bidderId: bidder,
  };
}
