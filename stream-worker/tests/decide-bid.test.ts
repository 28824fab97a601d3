import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { AUCTION_STATE_EPOCH_KEY, AUCTIONS_BY_END_KEY, auctionStateKey } from '@car-auction/contracts';
import {
  closeAuction,
  decideBid,
  syncAuctionConfig,
  withdrawAuction,
  type BidToDecide,
  type DecidedBid,
} from '@car-auction/service-support';

// The decision logic is the auction library's (service-support/lua/auction.lua); it is tested
// where it runs, on a real Redis (a database of its own, so the epoch set here is never the
// running system's).
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { db: 9 });
beforeAll(() => redis.set(AUCTION_STATE_EPOCH_KEY, `ready:${Date.now()}`));
afterAll(() => redis.quit());

const T0 = 1_800_000_000_000;
let auctionId: string;
let offset = 0;

/** What the cms does: the configuration through the library (auction_sync_config), then a withdrawal if asked. */
async function configure(extra: { reservePrice?: number; softCloseMs?: number; withdrawn?: 1 } = {}) {
  auctionId = `t${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  offset = 0;
  const { withdrawn, ...config } = extra;
  await syncAuctionConfig(redis, auctionId, {
    startsAt: T0,
    endsAt: T0 + 60_000,
    startingPrice: 1_000,
    minIncrement: 100,
    reservePrice: 0,
    softCloseMs: 0,
    ...config,
  });
  if (withdrawn) await withdrawAuction(redis, auctionId);
}

async function decide(amount: number, placedAt: number, overrides: Partial<BidToDecide> = {}): Promise<DecidedBid> {
  const bid: BidToDecide = {
    bidId: randomUUID(),
    auctionId,
    partition: 3,
    offset: String(offset),
    // A new bidder each time unless a test names one: a leader's second bid only changes their maximum.
    bidderId: 1_000 + offset++,
    maskedName: 'a***e',
    username: 'alice',
    amount,
    placedAt,
    ...overrides,
  };
  return decideBid(redis, bid);
}

test('the first bid must reach the starting price, the next the price plus the increment', async () => {
  await configure();
  expect(await decide(999, T0 + 1)).toMatchObject({ outcome: 'rejected', reason: 'below_minimum', seq: 0 });
  expect(await decide(1_000, T0 + 2, { bidderId: 7, maskedName: 'b***b' })).toMatchObject({
    outcome: 'accepted',
    seq: 1,
    currentPrice: 1_000,
    leaderId: 7,
    leaderName: 'b***b',
    bidCount: 1,
    minimumNextBid: 1_100,
    previousLeaderId: null,
  });
  expect(await decide(1_099, T0 + 3)).toMatchObject({ outcome: 'rejected', reason: 'below_minimum', currentPrice: 1_000 });
  expect(await decide(1_100, T0 + 4, { bidderId: 8 })).toMatchObject({ outcome: 'accepted', seq: 2, leaderId: 8, previousLeaderId: 7 });
});

test('equal amounts: the earlier bid wins', async () => {
  await configure();
  expect((await decide(5_000, T0 + 10, { bidderId: 1 })).outcome).toBe('accepted');
  expect(await decide(5_000, T0 + 9, { bidderId: 2 })).toMatchObject({ outcome: 'rejected', reason: 'below_minimum', leaderId: 1 });
});

test('timing: not started before startsAt; ended at or after the end', async () => {
  await configure();
  expect(await decide(2_000, T0 - 1)).toMatchObject({ outcome: 'rejected', reason: 'not_started' });
  expect(await decide(2_000, T0 + 60_000)).toMatchObject({ outcome: 'rejected', reason: 'auction_ended' });
  expect(await decide(2_000, T0 + 59_999)).toMatchObject({ outcome: 'accepted' });
});

test('unknown or withdrawn auctions reject', async () => {
  await configure({ withdrawn: 1 });
  expect(await decide(2_000, T0 + 1)).toMatchObject({ outcome: 'rejected', reason: 'unknown_auction' });
  const neverConfigured = `never${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  expect(await decide(2_000, T0 + 1, { auctionId: neverConfigured })).toMatchObject({ reason: 'unknown_auction' });
});

test('a redelivered bid gets its stored outcome and changes nothing', async () => {
  await configure();
  const bidId = randomUUID();
  const first = await decide(1_500, T0 + 1, { bidId, offset: '10' });
  await decide(1_700, T0 + 2, { offset: '11', bidderId: 2 });
  const replay = await decide(1_500, T0 + 1, { bidId, offset: '10' });
  expect(replay).toEqual({ ...first, replayed: true });
  expect(await redis.hget(auctionStateKey(auctionId), 'currentPrice')).toBe('1700');
});

test('a bid at or below the last applied offset (a zombie consumer) changes nothing', async () => {
  await configure();
  await decide(1_500, T0 + 1, { offset: '20' });
  const zombie = await decide(9_000, T0 + 2, { offset: '20' });
  expect(zombie.outcome).toBe('stale');
  expect(await redis.hget(auctionStateKey(auctionId), 'currentPrice')).toBe('1500');
});

test('soft close: a bid in the last window pushes the end, and the index follows', async () => {
  await configure({ softCloseMs: 10_000 });
  const late = await decide(2_000, T0 + 55_000);
  expect(late).toMatchObject({ outcome: 'accepted', endsAt: T0 + 65_000 });
  expect(await redis.zscore(AUCTIONS_BY_END_KEY, auctionId)).toBe(String(T0 + 65_000));
  // After the original end but before the extended one: still open.
  expect(await decide(2_100, T0 + 62_000)).toMatchObject({ outcome: 'accepted', endsAt: T0 + 72_000 });
  expect(await decide(2_200, T0 + 72_000)).toMatchObject({ outcome: 'rejected', reason: 'auction_ended' });
});

describe('closing', () => {
  test('sold when the reserve is met, once; later bids are ended', async () => {
    await configure({ reservePrice: 1_500 });
    await decide(1_600, T0 + 1);
    const closed = await closeAuction(redis, auctionId, T0 + 60_000);
    expect(closed).toMatchObject({ closed: true, status: 'sold', finalPrice: 1_600, bidCount: 1 });
    expect(await closeAuction(redis, auctionId, T0 + 60_000)).toMatchObject({ closed: false, why: 'already_closed' });
    expect(await redis.zscore(AUCTIONS_BY_END_KEY, auctionId)).toBeNull();
    expect(await decide(5_000, T0 + 30)).toMatchObject({ reason: 'auction_ended' });
  });

  test('unsold below the reserve or without bids', async () => {
    await configure({ reservePrice: 5_000 });
    await decide(1_600, T0 + 1);
    expect(await closeAuction(redis, auctionId, T0 + 60_000)).toMatchObject({ closed: true, status: 'unsold' });
    await configure();
    expect(await closeAuction(redis, auctionId, T0 + 60_000)).toMatchObject({ closed: true, status: 'unsold', finalPrice: null });
  });

  test('not before its effective end', async () => {
    await configure({ softCloseMs: 10_000 });
    await decide(2_000, T0 + 58_000);
    expect(await closeAuction(redis, auctionId, T0 + 60_000)).toMatchObject({ closed: false, why: 'extended', endsAt: T0 + 68_000 });
  });
});

describe('without the state epoch (Redis lost its data)', () => {
  afterEach(() => redis.set(AUCTION_STATE_EPOCH_KEY, `ready:${Date.now()}`));

  test('nothing is decided and nothing is closed', async () => {
    await configure();
    await redis.del(AUCTION_STATE_EPOCH_KEY);
    await expect(decide(2_000, T0 + 1)).rejects.toThrow(/^STATE_LOST/);
    expect(await redis.hget(auctionStateKey(auctionId), 'bidCount')).toBeNull();
    expect(await closeAuction(redis, auctionId, T0 + 120_000)).toEqual({ closed: false, why: 'state_lost' });
    expect(await redis.hget(auctionStateKey(auctionId), 'closedAs')).toBeNull();
  });

  test('a ledger row can be restored only while rebuilding', async () => {
    await configure();
    const bid: BidToDecide = {
      bidId: randomUUID(),
      auctionId,
      partition: 3,
      offset: '0',
      bidderId: 1,
      maskedName: 'a***e',
      amount: 2_000,
      placedAt: T0 + 1,
    };
    await expect(decideBid(redis, bid, { outcome: 'accepted', reason: null, seq: 1 })).rejects.toThrow(/^NOT_REBUILDING/);
  });
});
