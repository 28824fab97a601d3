import type { Redis } from 'ioredis';
import { auctionStateKey, type AuctionLiveState, type AuctionStatus } from '@car-auction/contracts';

const FIELDS = [
  'startsAt',
  'endsAt',
  'softCloseUntil',
  'startingPrice',
  'minIncrement',
  'reservePrice',
  'withdrawn',
  'seq',
  'currentPrice',
  'leaderId',
  'leaderName',
  'bidCount',
  'closedAs',
] as const;

/** The public view plus what only the worker and the cms may see (the leader's id). */
export interface AuctionSnapshot {
  live: AuctionLiveState;
  leaderId: number | null;
}

export function snapshotFromFields(auctionId: string, values: (string | null)[], now: number): AuctionSnapshot | null {
  const f = Object.fromEntries(FIELDS.map((name, i) => [name, values[i] ?? null])) as Record<(typeof FIELDS)[number], string | null>;
  if (f.startsAt === null || f.withdrawn === '1') return null;
  const num = (v: string | null) => (v === null || v === '' ? null : Number(v));
  const startsAt = Number(f.startsAt);
  const endsAt = Math.max(Number(f.endsAt), num(f.softCloseUntil) ?? 0);
  const bidCount = num(f.bidCount) ?? 0;
  const currentPrice = bidCount > 0 ? num(f.currentPrice) : null;
  const reservePrice = num(f.reservePrice) ?? 0;
  const status: AuctionStatus = (f.closedAs as AuctionStatus | null) || (now < startsAt ? 'scheduled' : 'live');
  return {
    live: {
      auctionId,
      seq: num(f.seq) ?? 0,
      currentPrice,
      leaderName: bidCount > 0 ? f.leaderName : null,
      bidCount,
      startsAt,
      endsAt,
      status,
      hasReserve: reservePrice > 0,
      reserveMet: currentPrice !== null && currentPrice >= reservePrice,
      minimumNextBid: currentPrice !== null ? currentPrice + (num(f.minIncrement) ?? 1) : (num(f.startingPrice) ?? 0),
    },
    leaderId: bidCount > 0 ? num(f.leaderId) : null,
  };
}

/** Reads several auctions in one round trip. */
export async function readSnapshots(redis: Redis, auctionIds: string[]): Promise<Map<string, AuctionSnapshot>> {
  const out = new Map<string, AuctionSnapshot>();
  if (auctionIds.length === 0) return out;
  const pipeline = redis.pipeline();
  for (const id of auctionIds) pipeline.hmget(auctionStateKey(id), ...FIELDS);
  const replies = (await pipeline.exec()) ?? [];
  const now = Date.now();
  auctionIds.forEach((id, i) => {
    const [err, values] = replies[i] ?? [new Error('no reply'), null];
    if (err) throw err;
    const snapshot = snapshotFromFields(id, values as (string | null)[], now);
    if (snapshot) out.set(id, snapshot);
  });
  return out;
}

/** One auction's snapshot, or null if it is unknown or withdrawn. */
export async function readSnapshot(redis: Redis, auctionId: string): Promise<AuctionSnapshot | null> {
  return (await readSnapshots(redis, [auctionId])).get(auctionId) ?? null;
}
