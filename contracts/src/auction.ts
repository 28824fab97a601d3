/** Status of an auction as the worker and the cms see it. */
export const AUCTION_STATUSES = ['scheduled', 'live', 'sold', 'unsold'] as const;
export type AuctionStatus = (typeof AUCTION_STATUSES)[number];

/**
 * The shape of an auction id (a Strapi documentId: 24 lowercase alphanumerics,
 * with room to spare). Anything else cannot name an auction, so the cms, the
 * gateway and the post-back schema refuse it before touching a store.
 */
export const AUCTION_ID_PATTERN = /^[a-z0-9]{1,64}$/;

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
