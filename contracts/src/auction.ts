/** Status of an auction as the worker and the cms see it. */
export const AUCTION_STATUSES = ['scheduled', 'live', 'sold', 'unsold'] as const;
export type AuctionStatus = (typeof AUCTION_STATUSES)[number];

/** The smallest amount the next bid may have, given what is known of the auction. */
export function minimumNextBid(auction: {
  startingPrice: number;
  minIncrement: number;
  currentPrice?: number | null;
  bidCount?: number | null;
}): number {
  const hasBids = (auction.bidCount ?? 0) > 0 && auction.currentPrice != null;
  return hasBids ? (auction.currentPrice as number) + auction.minIncrement : auction.startingPrice;
}
