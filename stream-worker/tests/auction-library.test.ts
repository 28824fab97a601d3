import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  AUCTION_CONFIG_FIELDS,
  AUCTION_HASH_FIELDS,
  AUCTION_STATE_EPOCH_KEY,
  AUCTIONS_UNPROJECTED_KEY,
  auctionStateKey,
  parseAuctionHash,
} from '@car-auction/contracts';
import {
  AUCTION_LIBRARY_NAME,
  AUCTION_LIBRARY_PATH,
  AUCTION_LIBRARY_VERSION,
  closeAuction,
  decideBid,
  loadAuctionLibrary,
  pipelineWithLibrary,
  queueDecideBid,
  syncAuctionConfig,
  type BidToDecide,
} from '@car-auction/service-support';

// The auction library against a real Redis (a database of its own). Functions are server-wide,
// so the flush below is seen by every client of this Redis: each one loads the library again on
// its next call, which is what is tested here.
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { db: 11 });
beforeAll(() => redis.set(AUCTION_STATE_EPOCH_KEY, `ready:${Date.now()}`));
afterAll(async () => {
  await redis.flushdb();
  await redis.quit();
});

const T0 = 1_800_000_000_000;
const newAuction = () => `lib${randomUUID().replace(/-/g, '').slice(0, 20)}`;
const bidOn = (auctionId: string, offset: number, amount: number, placedAt: number): BidToDecide => ({
  bidId: randomUUID(),
  auctionId,
  partition: 1,
  offset: String(offset),
  bidderId: 4 + offset,
  maskedName: 'c***l',
  username: 'carol',
  amount,
  placedAt,
});
const config = {
  startsAt: T0,
  endsAt: T0 + 60_000,
  startingPrice: 1_000,
  minIncrement: 250,
  reservePrice: 1_100,
  softCloseMs: 10_000,
  softCloseCapMs: 0,
  incrementTiers: [],
};

test("the library writes exactly contracts' hash fields, and they parse to what the rules computed", async () => {
  const auctionId = newAuction();
  expect(await syncAuctionConfig(redis, auctionId, config)).toBe(T0 + 60_000);
  expect(parseAuctionHash(await redis.hgetall(auctionStateKey(auctionId)))).toMatchObject({
    effectiveEnd: T0 + 60_000,
    minNextBid: 1_000,
    state: { seq: 0, bidCount: 0, currentPrice: null, closedAs: null },
  });

  // In the soft-close window: the end moves to the bid's time plus the window.
  const first = bidOn(auctionId, 0, 1_200, T0 + 55_000);
  expect(await decideBid(redis, first)).toMatchObject({ outcome: 'accepted', endsAt: T0 + 65_000 });
  expect(await closeAuction(redis, auctionId, T0 + 70_000)).toMatchObject({ closed: true, status: 'sold' });

  const record = await redis.hgetall(auctionStateKey(auctionId));
  expect(Object.keys(record).sort()).toEqual([...AUCTION_HASH_FIELDS].sort());
  expect(parseAuctionHash(record)).toEqual({
    config: { ...config, withdrawn: false, hardEndAt: 0 },
    state: {
      seq: 2,
      currentPrice: 1_200,
      leaderId: 4,
      leaderName: 'c***l',
      leaderUsername: 'carol',
      leaderMax: 1_200,
      leaderBidId: first.bidId,
      bidCount: 1,
      softCloseUntil: T0 + 65_000,
      lastPartition: 1,
      lastOffset: 0,
      closedAs: 'sold',
    },
    effectiveEnd: T0 + 65_000,
    minNextBid: 1_450,
    increment: 250,
  });
});

test("the library's source names every field of contracts' list, the configuration in contracts' order", () => {
  const lua = fs.readFileSync(AUCTION_LIBRARY_PATH, 'utf8');
  for (const field of AUCTION_HASH_FIELDS) expect(lua).toContain(`'${field}'`);
  // auction_sync_config takes the configuration as arguments in this order.
  const configFields = /local CONFIG_FIELDS = \{([^}]*)\}/.exec(lua)?.[1];
  expect(configFields?.match(/'[^']+'/g)?.map((quoted) => quoted.slice(1, -1))).toEqual([...AUCTION_CONFIG_FIELDS]);
  // One version: the library's name and every function's, as the wrappers call them.
  expect(lua.split('\n')[0]).toBe(`#!lua name=${AUCTION_LIBRARY_NAME}`);
  const registered = [...lua.matchAll(/redis\.register_function\('([a-z_0-9]+)'/g)].map((m) => m[1]);
  expect(registered).toHaveLength(5);
  for (const name of registered) expect(name).toMatch(new RegExp(`^auction_[a-z_]+_v${AUCTION_LIBRARY_VERSION}$`));
});

test('a Redis that lost the library (FUNCTION FLUSH) gets it again on the next call, single or pipelined', async () => {
  await loadAuctionLibrary(redis);
  await loadAuctionLibrary(redis); // idempotent
  const auctionId = newAuction();

  await redis.function('FLUSH');
  await expect(redis.fcall(`auction_close_v${AUCTION_LIBRARY_VERSION}`, 0)).rejects.toThrow(/function not found/i);
  expect(await syncAuctionConfig(redis, auctionId, config)).toBe(T0 + 60_000);

  await redis.function('FLUSH');
  const replies = await pipelineWithLibrary(redis, [
    queueDecideBid(bidOn(auctionId, 0, 1_000, T0 + 1)),
    queueDecideBid(bidOn(auctionId, 1, 1_250, T0 + 2)),
  ]);
  expect(replies.map(([err]) => err)).toEqual([null, null]);
  expect(replies.map(([, reply]) => JSON.parse(reply as string).seq)).toEqual([1, 2]);

  await redis.function('FLUSH');
  expect(await closeAuction(redis, auctionId, T0 + 30_000)).toMatchObject({ closed: false, why: 'extended' });
  expect(await redis.function('LIST', 'LIBRARYNAME', AUCTION_LIBRARY_NAME)).toHaveLength(1);
});

test("a leader's change of maximum is recorded but not announced: watchers could tell it from a state that moved", async () => {
  const auctionId = newAuction();
  await syncAuctionConfig(redis, auctionId, { ...config, reservePrice: 0 });
  const first = { ...bidOn(auctionId, 0, 1_000, T0 + 1), maxAmount: 2_000 };
  expect(await decideBid(redis, first)).toMatchObject({ outcome: 'accepted', changed: true, price: 1_000 });
  await redis.srem(AUCTIONS_UNPROJECTED_KEY, auctionId);
  // The same bidder again: a new maximum, the price stays.
  const raise = { ...bidOn(auctionId, 1, 1_000, T0 + 2), bidderId: first.bidderId, maxAmount: 3_000 };
  const decided = await decideBid(redis, raise);
  expect(decided).toMatchObject({ outcome: 'accepted', changed: false, price: null, currentPrice: 1_000 });
  expect(decided.after).toMatchObject({ leaderMax: 3_000, leaderBidId: raise.bidId, currentPrice: 1_000 });
  expect(await redis.sismember(AUCTIONS_UNPROJECTED_KEY, auctionId)).toBe(0);
  expect(await redis.hget(auctionStateKey(auctionId), 'leaderMax')).toBe('3000');
});
