import type { Redis } from 'ioredis';
import {
  AuctionHashError,
  auctionStateKey,
  parseAuctionHash,
  type AuctionHash,
  type AuctionLiveState,
  type AuctionStatus,
} from '@car-auction/contracts';

/** The public view plus what only the worker and the cms may see (the leader's id). */
export interface AuctionSnapshot {
  live: AuctionLiveState;
  leaderId: number | null;
  /** The leader's maximum: told to the leader only. */
  leaderMax: number | null;
}

/**
 * An auction's view from its parsed hash. The effective end and the minimum next
 * bid are the ones the library's rules stored, not recomputed here.
 */
export function snapshotFromHash(auctionId: string, hash: AuctionHash, now: number): AuctionSnapshot | null {
  const { config, state } = hash;
  if (config.withdrawn) return null;
  const bidCount = state.bidCount;
  const currentPrice = bidCount > 0 ? state.currentPrice : null;
  const status: AuctionStatus = state.closedAs ?? (now < config.startsAt ? 'scheduled' : 'live');
  return {
    live: {
      auctionId,
      seq: state.seq,
      currentPrice,
      leaderName: bidCount > 0 ? state.leaderName : null,
      bidCount,
      startsAt: config.startsAt,
      endsAt: hash.effectiveEnd,
      status,
      hasReserve: config.reservePrice > 0,
      reserveMet: currentPrice !== null && currentPrice >= config.reservePrice,
      minimumNextBid: hash.minNextBid,
      increment: hash.increment,
    },
    leaderId: bidCount > 0 ? state.leaderId : null,
    leaderMax: bidCount > 0 ? (state.leaderMax ?? state.currentPrice) : null,
  };
}

/** Reads several auctions in one round trip; unknown, withdrawn and unreadable ones are left out. */
export async function readSnapshots(redis: Redis, auctionIds: string[]): Promise<Map<string, AuctionSnapshot>> {
  const out = new Map<string, AuctionSnapshot>();
  if (auctionIds.length === 0) return out;
  const pipeline = redis.pipeline();
  for (const id of auctionIds) pipeline.hgetall(auctionStateKey(id));
  const replies = (await pipeline.exec()) ?? [];
  const now = Date.now();
  auctionIds.forEach((id, i) => {
    const [err, record] = replies[i] ?? [new Error('no reply'), null];
    if (err) throw err;
    let hash: AuctionHash | null;
    try {
      hash = parseAuctionHash(record as Record<string, string>);
    } catch (parseErr) {
      // A hash the library did not write whole (written by an older version and not synced
      // since): nothing can be said of it until the cms syncs it again.
      if (parseErr instanceof AuctionHashError) return;
      throw parseErr;
    }
    const snapshot = hash && snapshotFromHash(id, hash, now);
    if (snapshot) out.set(id, snapshot);
  });
  return out;
}

/** One auction's snapshot, or null if it is unknown or withdrawn. */
export async function readSnapshot(redis: Redis, auctionId: string): Promise<AuctionSnapshot | null> {
  return (await readSnapshots(redis, [auctionId])).get(auctionId) ?? null;
}
