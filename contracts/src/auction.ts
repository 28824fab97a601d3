/**
 * Status of an auction as the worker and the cms see it. `withdrawn`: an admin
 * took it off sale (with a reason bidders see); it takes no bids and never closes.
 */
export const AUCTION_STATUSES = ['scheduled', 'live', 'sold', 'unsold', 'withdrawn'] as const;
export type AuctionStatus = (typeof AUCTION_STATUSES)[number];

/**
 * The shape of an auction id (a Strapi documentId: 24 lowercase alphanumerics,
 * with room to spare). Anything else cannot name an auction, so the cms, the
 * gateway and the post-back schema refuse it before touching a store.
 */
export const AUCTION_ID_PATTERN = /^[a-z0-9]{1,64}$/;
