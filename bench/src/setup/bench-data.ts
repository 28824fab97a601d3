import mongoose from 'mongoose';
import { Redis } from 'ioredis';
import { AUCTIONS_BY_END_KEY, BID_LEDGER_COLLECTION, auctionOutcomesKey, auctionStateKey } from '@car-auction/contracts';
import { log } from '../log';
import type { Services } from '../infra/services';

/** Drops the bench's own ledger database (never the one `npm start` or the tests use). */
export async function dropBenchLedger(services: Services): Promise<void> {
  const conn = mongoose.createConnection(services.mongoUrl, { serverSelectionTimeoutMS: 10_000 });
  try {
    await conn.asPromise();
    await conn.dropDatabase();
  } finally {
    await conn.close().catch(() => undefined);
  }
}

/** What the worker wrote to the ledger for some auctions. */
export interface LedgerCounts {
  /** Rows of kind 'bid': one per decided bid. */
  bidRows: number;
  accepted: number;
  outbidByMaximum: number;
  /** Rows of kind 'proxy': the automatic bids the engine made for a maximum. */
  automaticBids: number;
  /** Bid rows by outcome and reason ("rejected below_minimum", ...). */
  byOutcome: Record<string, number>;
}

/** Counts the bench ledger's rows of these auctions by kind, outcome and reason (one aggregation). */
export async function countLedgerRows(services: Services, auctionIds: string[]): Promise<LedgerCounts> {
  const conn = mongoose.createConnection(services.mongoUrl, { serverSelectionTimeoutMS: 10_000 });
  try {
    await conn.asPromise();
    const groups = await conn
      .collection(BID_LEDGER_COLLECTION)
      .aggregate<{ _id: { kind: string; outcome: string; reason: string | null }; rows: number }>([
        { $match: { auctionId: { $in: auctionIds } } },
        { $group: { _id: { kind: '$kind', outcome: '$outcome', reason: '$reason' }, rows: { $sum: 1 } } },
      ])
      .toArray();
    const counts: LedgerCounts = { bidRows: 0, accepted: 0, outbidByMaximum: 0, automaticBids: 0, byOutcome: {} };
    for (const { _id, rows } of groups) {
      if (_id.kind === 'proxy') {
        counts.automaticBids += rows;
        continue;
      }
      counts.bidRows += rows;
      const key = [_id.outcome, _id.reason].filter(Boolean).join(' ');
      counts.byOutcome[key] = (counts.byOutcome[key] ?? 0) + rows;
      if (_id.outcome === 'accepted') counts.accepted += rows;
      if (_id.reason === 'outbid_by_maximum') counts.outbidByMaximum += rows;
    }
    return counts;
  } finally {
    await conn.close().catch(() => undefined);
  }
}

/** Removes the Redis state of the auctions this run created (the cms's config and the worker's state). */
export async function removeAuctionState(services: Services, auctionIds: string[]): Promise<void> {
  if (auctionIds.length === 0) return;
  const redis = new Redis(services.redisUrl, { maxRetriesPerRequest: 2 });
  try {
    for (let i = 0; i < auctionIds.length; i += 500) {
      const ids = auctionIds.slice(i, i + 500);
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.del(auctionStateKey(id), auctionOutcomesKey(id));
      pipeline.zrem(AUCTIONS_BY_END_KEY, ...ids);
      await pipeline.exec();
    }
  } finally {
    redis.disconnect();
  }
  log(`removed the Redis state of ${auctionIds.length} bench auctions`);
}
