import fs from 'node:fs';
import path from 'node:path';
import type { ChainableCommander, Redis } from 'ioredis';
import {
  AUCTION_STATE_EPOCH_KEY,
  AUCTIONS_BY_END_KEY,
  AUCTIONS_UNPROJECTED_KEY,
  AUCTIONS_CLOSED_UNANNOUNCED_KEY,
  auctionOutcomesKey,
  auctionStateKey,
  encodeIncrementTiers,
  type AuctionConfig,
  type AutomaticBid,
  type BidRejectionReason,
  type LedgerStateAfter,
} from '@car-auction/contracts';

/**
 * The auction rules run in Redis as one Functions library (lua/auction.lua,
 * shipped with this package): every step that changes an auction's state, with
 * the helpers they share. Both the cms and the worker load it at start and call
 * it through the wrappers below; a Redis that lost it (restarted without its
 * data, or FUNCTION FLUSH) gets it again on the first call that misses it.
 */
/** The library's version: its name and each function's end in `_v<version>` (see the Lua file's header). */
export const AUCTION_LIBRARY_VERSION = 4;
export const AUCTION_LIBRARY_NAME = `auction_v${AUCTION_LIBRARY_VERSION}`;
/** A function's name in this version of the library. */
const fn = (name: 'decide' | 'close' | 'sync_config' | 'withdraw' | 'ack_projection') => `auction_${name}_v${AUCTION_LIBRARY_VERSION}`;
/** Read relative to dist/ at run time (and src/ under ts-jest): both sit beside lua/. */
export const AUCTION_LIBRARY_PATH = path.join(__dirname, '..', 'lua', 'auction.lua');

let source: string | null = null;
export function auctionLibrarySource(): string {
  source ??= fs.readFileSync(AUCTION_LIBRARY_PATH, 'utf8');
  return source;
}

/** Connections this process has loaded its own library into. */
const loadedInto = new WeakSet<Redis>();

/** Loads (or replaces) the library. Idempotent: the same code loaded twice is the same library. */
export async function loadAuctionLibrary(redis: Redis): Promise<void> {
  await redis.function('LOAD', 'REPLACE', auctionLibrarySource());
  loadedInto.add(redis);
}

/**
 * A Redis may hold another version's library (loaded by a process started before
 * an upgrade): each connection loads this process's own before its first call.
 */
async function ensureLoaded(redis: Redis): Promise<void> {
  if (!loadedInto.has(redis)) await loadAuctionLibrary(redis);
}

/** Redis's answer to FCALL of a function it does not have (the library was never loaded here, or was lost). */
export const isFunctionMissing = (err: unknown) => err instanceof Error && /function not found/i.test(err.message);

/** Runs a call; if the library is missing, loads it and runs the call once more. */
async function withLibrary<T>(redis: Redis, call: () => Promise<T>): Promise<T> {
  await ensureLoaded(redis);
  try {
    return await call();
  } catch (err) {
    if (!isFunctionMissing(err)) throw err;
    await loadAuctionLibrary(redis);
    return call();
  }
}

type Queue = (pipeline: ChainableCommander) => void;

/**
 * Runs calls in one pipeline, in order, and answers [error, reply] per call.
 * Calls that found the library missing are run again, in order, once it is loaded
 * (none of them ran: a missing function changes nothing).
 */
export async function pipelineWithLibrary(redis: Redis, calls: Queue[]): Promise<[Error | null, unknown][]> {
  const run = async (queued: Queue[]) => {
    const pipeline = redis.pipeline();
    for (const queue of queued) queue(pipeline);
    return ((await pipeline.exec()) ?? []) as [Error | null, unknown][];
  };
  await ensureLoaded(redis);
  const replies = await run(calls);
  const missing = calls.map((_, i) => i).filter((i) => isFunctionMissing(replies[i]?.[0]));
  if (missing.length === 0) return replies;
  await loadAuctionLibrary(redis);
  const again = await run(missing.map((i) => calls[i]!));
  missing.forEach((index, j) => {
    replies[index] = again[j] ?? [new Error('missing reply'), null];
  });
  return replies;
}

export type { AutomaticBid };

export interface DecidedBid {
  bidId: string;
  outcome: 'accepted' | 'rejected' | 'stale';
  reason: BidRejectionReason | null;
  seq: number;
  /** Whether the auction's state changed (a rejected bid may move the price: outbid_by_maximum). Absent on stale. */
  changed?: boolean;
  /** The price this bid itself set, or null (it lost, or changed only its owner's maximum). */
  price?: number | null;
  /** The maximum the bid carried. */
  maxAmount?: number | null;
  automatic?: AutomaticBid | null;
  currentPrice: number | null;
  leaderId: number | null;
  leaderName: string | null;
  bidCount: number;
  endsAt: number;
  minimumNextBid: number;
  increment: number;
  reserveMet: boolean;
  /** This decision met a reserve that was set (the auction will now sell): told once. Absent on stale and on outcomes stored before v4. */
  reserveJustMet?: boolean;
  previousLeaderId: number | null;
  /** The state the decision left, when it changed it: what the ledger keeps for a rebuild. */
  after?: LedgerStateAfter | null;
  /** True when this bid had been decided before (redelivery). */
  replayed?: boolean;
}

export interface BidToDecide {
  bidId: string;
  auctionId: string;
  partition: number;
  offset: string;
  bidderId: number;
  maskedName: string;
  /** Unmasked: the ledger's rows of automatic bids name their owner. */
  username: string;
  amount: number;
  maxAmount?: number | null;
  placedAt: number;
}

/** A ledger row as it was decided, applied while the state is rebuilt from the ledger. */
export interface RecordedDecision {
  outcome: 'accepted' | 'rejected';
  reason: string | null;
  seq: number;
  /**
   * The state the row left: null if it changed none, undefined for a row written
   * before maximums (which recorded no state: an accepted one set the price and led).
   */
  after?: LedgerStateAfter | null;
  /** The price the row set, if any. */
  price?: number | null;
  /** The automatic bid the row caused, as its ledger row recorded it. */
  automatic?: AutomaticBid | null;
}

const decideKeys = (auctionId: string) => [
  auctionStateKey(auctionId),
  auctionOutcomesKey(auctionId),
  AUCTIONS_BY_END_KEY,
  AUCTION_STATE_EPOCH_KEY,
  AUCTIONS_UNPROJECTED_KEY,
];

const decideArgs = (bid: BidToDecide, recorded?: RecordedDecision): (string | number)[] => [
  bid.bidId,
  bid.partition,
  bid.offset,
  bid.bidderId,
  bid.maskedName,
  bid.username,
  bid.amount,
  bid.maxAmount ?? '',
  bid.placedAt,
  bid.auctionId,
  ...(recorded
    ? [
        recorded.outcome,
        recorded.reason ?? '',
        recorded.seq,
        restoredAfterArg(recorded.after),
        recorded.price ?? '',
        recorded.automatic ? JSON.stringify(recorded.automatic) : '',
      ]
    : []),
];

const restoredAfterArg = (after: LedgerStateAfter | null | undefined) =>
  after === undefined ? '' : after === null ? '-' : JSON.stringify(after);

/** Queues the decision of one bid (auction_decide) on a pipeline; its reply is the outcome as JSON. */
export const queueDecideBid =
  (bid: BidToDecide): Queue =>
  (pipeline) =>
    pipeline.fcall(fn('decide'), 5, ...decideKeys(bid.auctionId), ...decideArgs(bid));

/** Queues a ledger row's restore (auction_decide in restore mode), while rebuilding. */
export const queueRestoreBid =
  (bid: BidToDecide, recorded: RecordedDecision): Queue =>
  (pipeline) =>
    pipeline.fcall(fn('decide'), 5, ...decideKeys(bid.auctionId), ...decideArgs(bid, recorded));

/** Decides one bid on its own (tests, tools); the stream decides chunks through queueDecideBid. */
export async function decideBid(redis: Redis, bid: BidToDecide, recorded?: RecordedDecision): Promise<DecidedBid> {
  const reply = await withLibrary(redis, () => redis.fcall(fn('decide'), 5, ...decideKeys(bid.auctionId), ...decideArgs(bid, recorded)));
  return JSON.parse(reply as string) as DecidedBid;
}

/** Redis's answer when the state has lost its epoch: nothing may be decided until it is rebuilt. */
export const isStateLost = (err: unknown) => err instanceof Error && err.message.startsWith('STATE_LOST');

export type ClosedAuction =
  | {
      closed: true;
      status: 'sold' | 'unsold';
      seq: number;
      finalPrice: number | null;
      /** Who led at the end: the buyer if sold. */
      leaderId: number | null;
      leaderName: string | null;
      bidCount: number;
      endsAt: number;
    }
  | { closed: false; why: 'unknown_auction' | 'already_closed' | 'extended' | 'state_lost'; endsAt?: number };

/** Closes an auction whose effective end is at or before endedBy (auction_close). */
export async function closeAuction(redis: Redis, auctionId: string, endedBy: number): Promise<ClosedAuction> {
  const reply = await withLibrary(redis, () =>
    redis.fcall(
      fn('close'),
      5,
      auctionStateKey(auctionId),
      AUCTIONS_BY_END_KEY,
      AUCTION_STATE_EPOCH_KEY,
      AUCTIONS_UNPROJECTED_KEY,
      AUCTIONS_CLOSED_UNANNOUNCED_KEY,
      auctionId,
      endedBy,
    ),
  );
  return JSON.parse(reply as string) as ClosedAuction;
}

/** The cms holds the auction's state at `version`: no re-post owed unless the state moved on (auction_ack_projection). */
export async function ackProjection(redis: Redis, auctionId: string, version: number): Promise<void> {
  await withLibrary(redis, () =>
    redis.fcall(fn('ack_projection'), 2, auctionStateKey(auctionId), AUCTIONS_UNPROJECTED_KEY, auctionId, version),
  );
}

/** Writes an auction's configuration, and what the rules make of it, into Redis (auction_sync_config). Returns the effective end. */
export async function syncAuctionConfig(redis: Redis, auctionId: string, config: AuctionConfig): Promise<number> {
  const reply = await withLibrary(redis, () =>
    redis.fcall(
      fn('sync_config'),
      2,
      auctionStateKey(auctionId),
      AUCTIONS_BY_END_KEY,
      auctionId,
      config.startsAt,
      config.endsAt,
      config.startingPrice,
      config.minIncrement,
      config.reservePrice,
      config.softCloseMs,
      config.softCloseCapMs,
      encodeIncrementTiers(config.incrementTiers),
      config.withdrawn ? 1 : 0,
      config.hardEndAt ?? 0,
    ),
  );
  return Number(reply);
}

/** Unpublished or deleted: the state is kept (for the ledger's sake) and new bids are refused (auction_withdraw). */
export async function withdrawAuction(redis: Redis, auctionId: string): Promise<void> {
  await withLibrary(redis, () => redis.fcall(fn('withdraw'), 2, auctionStateKey(auctionId), AUCTIONS_BY_END_KEY, auctionId));
}
