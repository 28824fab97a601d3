import type { AuctionStatus } from './auction';

/**
 * The auction's hot state lives in one Redis hash per auction. The cms writes
 * its configuration fields (when an auction is created, published or changed);
 * the stream worker alone writes the state fields, inside its atomic steps
 * (the auction library's functions). The fields are listed in auction-hash.ts.
 * The braces keep an auction's keys in one Redis Cluster slot.
 */
export const auctionStateKey = (auctionId: string) => `auction:{${auctionId}}`;
/** bidId -> the stored outcome, so a redelivered bid gets the outcome it had. */
export const auctionOutcomesKey = (auctionId: string) => `auction:{${auctionId}}:outcomes`;
/** Sorted set: auction id scored by its effective end (ms), for the closer. */
export const AUCTIONS_BY_END_KEY = 'auctions:by-end';

/**
 * "ready:<ms>" once the worker's state in Redis is whole; "rebuilding:<ms>"
 * while it is being replayed from the ledger. Missing means Redis lost its data
 * (a restart without persistence, a flush): no bid is decided and no auction
 * closed until the state has been rebuilt.
 */
export const AUCTION_STATE_EPOCH_KEY = 'auction-state:epoch';
/**
 * Auctions whose latest state the cms may not have been told yet. The Lua steps
 * add an auction when its state changes; the worker removes it once the cms has
 * taken that state. A worker that takes over partitions (after a crash, in a
 * rebalance) posts these again, so no post-back is lost with a process.
 */
export const AUCTIONS_UNPROJECTED_KEY = 'auctions:unprojected';
/** Held by the one worker rebuilding the state. */
export const AUCTION_STATE_REBUILD_LOCK_KEY = 'auction-state:rebuild-lock';

/** Soft close window unless the auction says otherwise (Bring a Trailer's two minutes). */
export const DEFAULT_SOFT_CLOSE_MS = 2 * 60 * 1000;

/** What watchers see of an auction: sent on join and on every change. */
export interface AuctionLiveState {
  auctionId: string;
  /** Grows with every change; clients drop events with a seq at or below the last applied. */
  seq: number;
  currentPrice: number | null;
  /** Masked ("j***n"). */
  leaderName: string | null;
  bidCount: number;
  startsAt: number;
  /** The effective end (epoch ms), after any soft-close extension. */
  endsAt: number;
  status: AuctionStatus;
  hasReserve: boolean;
  reserveMet: boolean;
  minimumNextBid: number;
  /** The increment at the current price, as the auction's table (or fixed increment) gives it. */
  increment: number;
}

/**
 * Why the worker rejected a bid. `outbid_by_maximum`: the bid was valid, but the
 * leader's earlier maximum reached it, so the leader's proxy bid answered it at
 * once. `max_below_price`: the leader tried to lower their maximum below the
 * price it already stands at. `auction_withdrawn`: an admin withdrew the auction
 * (or unpublished it) before the bid was decided.
 */
export const BID_REJECTION_REASONS = [
  'below_minimum',
  'auction_ended',
  'not_started',
  'unknown_auction',
  'outbid_by_maximum',
  'max_below_price',
  'auction_withdrawn',
] as const;
export type BidRejectionReason = (typeof BID_REJECTION_REASONS)[number];
export type BidOutcome = 'accepted' | 'rejected';

/** Masks a username for public display: first and last character kept. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 2) return `${chars[0] ?? ''}***`;
  return `${chars[0]}***${chars[chars.length - 1]}`;
}
