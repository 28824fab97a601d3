import mongoose from 'mongoose';
import { Redis } from 'ioredis';
import { AUCTIONS_BY_END_KEY, auctionOutcomesKey, auctionStateKey } from '@car-auction/contracts';
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
