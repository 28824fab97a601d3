import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  AUCTION_STATE_EPOCH_KEY,
  AUCTIONS_BY_END_KEY,
  auctionStateKey,
  parseAuctionHash,
  type AuctionConfig,
} from '@car-auction/contracts';
import {
  closeAuction,
  decideBid,
  syncAuctionConfig,
  withdrawAuction,
  type BidToDecide,
  type DecidedBid,
} from '@car-auction/service-support';
import { ledgerRowsOf } from '../src/processing/decide-batch';

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
const baseConfig: AuctionConfig = {
  startsAt: T0,
  endsAt: T0 + 60_000,
  startingPrice: 1_000,
  minIncrement: 100,
  reservePrice: 0,
  softCloseMs: 0,
  softCloseCapMs: 0,
  incrementTiers: [],
};

/** A new auction; `withdrawn: 1` unpublishes it after (auction_withdraw). */
async function configure(extra: Omit<Partial<AuctionConfig>, 'withdrawn'> & { withdrawn?: 1 | boolean } = {}) {
  auctionId = `t${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  offset = 0;
  const { withdrawn, ...config } = extra;
  await syncAuctionConfig(redis, auctionId, { ...baseConfig, ...config, withdrawn: withdrawn === true });
  if (withdrawn === 1) await withdrawAuction(redis, auctionId);
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

test('unknown auctions reject as unknown, withdrawn ones (unpublished, or withdrawn by an admin) as withdrawn', async () => {
  await configure({ withdrawn: 1 });
  expect(await decide(2_000, T0 + 1)).toMatchObject({ outcome: 'rejected', reason: 'auction_withdrawn' });
  await configure({ withdrawn: true });
  expect(await decide(2_000, T0 + 1)).toMatchObject({ outcome: 'rejected', reason: 'auction_withdrawn' });
  expect(await redis.zscore(AUCTIONS_BY_END_KEY, auctionId)).toBeNull();
  const neverConfigured = `never${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  expect(await decide(2_000, T0 + 1, { auctionId: neverConfigured })).toMatchObject({ reason: 'unknown_auction' });
});

test('ended now by an admin: bids stamped before that moment count, later ones are late, and soft close no longer extends', async () => {
  const soft = { softCloseMs: 30_000 };
  await configure(soft);
  // A bid in the window extends the end to T0 + 85s.
  expect(await decide(2_000, T0 + 55_000)).toMatchObject({ outcome: 'accepted', endsAt: T0 + 85_000 });
  await syncAuctionConfig(redis, auctionId, { ...baseConfig, ...soft, hardEndAt: T0 + 70_000 });
  expect(Number(await redis.zscore(AUCTIONS_BY_END_KEY, auctionId))).toBe(T0 + 70_000);
  expect(await decide(2_100, T0 + 69_999)).toMatchObject({ outcome: 'accepted', endsAt: T0 + 70_000 });
  expect(await decide(2_500, T0 + 70_000)).toMatchObject({ outcome: 'rejected', reason: 'auction_ended' });
  expect(await closeAuction(redis, auctionId, T0 + 69_999)).toMatchObject({ closed: false, why: 'extended' });
  expect(await closeAuction(redis, auctionId, T0 + 70_000)).toMatchObject({ closed: true, status: 'sold', finalPrice: 2_100 });
  // Ended after its end: the end in force stays the earlier one.
  await configure();
  await syncAuctionConfig(redis, auctionId, { ...baseConfig, hardEndAt: T0 + 90_000 });
  expect(await decide(2_000, T0 + 60_000)).toMatchObject({ outcome: 'rejected', reason: 'auction_ended', endsAt: T0 + 60_000 });
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

describe('maximums (proxy bids)', () => {
  const $ = (dollars: number) => dollars * 100;
  const alice = { bidderId: 1, maskedName: 'a***e', username: 'alice' };
  const bob = { bidderId: 2, maskedName: 'b***b', username: 'bob' };
  const carol = { bidderId: 3, maskedName: 'c***l', username: 'carol' };
  const state = async () => parseAuctionHash(await redis.hgetall(auctionStateKey(auctionId)))!.state;
  /** The ledger rows the worker writes for a decision, as [kind, bidder, price, seq]. */
  const rowsOf = (bid: Partial<BidToDecide> & { amount: number }, decided: DecidedBid) =>
    ledgerRowsOf(
      {
        bid: {
          schemaVersion: 1,
          bidId: decided.bidId,
          auctionId,
          bidderId: bid.bidderId!,
          bidderUsername: bid.username!,
          amount: bid.amount,
          ...(bid.maxAmount ? { maxAmount: bid.maxAmount } : {}),
          placedAt: T0,
        },
        partition: 3,
        offset: '0',
        decided,
      },
      new Date(),
    ).map((r) => [r.kind, r.bidderUsername, r.price, r.seq]);

  test("the README's worked example: two maximums settle at once, a third beats both", async () => {
    await configure({ startingPrice: $(10_000), minIncrement: $(100) });
    // Alice leaves a maximum of $12,000: she leads at the starting price.
    expect(await decide($(10_000), T0 + 1, { ...alice, maxAmount: $(12_000) })).toMatchObject({
      outcome: 'accepted',
      price: $(10_000),
      currentPrice: $(10_000),
      leaderId: alice.bidderId,
      bidCount: 1,
      seq: 1,
      minimumNextBid: $(10_100),
    });
    // Bob bids $10,500 up to $11,000: Alice's maximum answers at once, one increment above his.
    const bobsBid = { ...bob, amount: $(10_500), maxAmount: $(11_000) };
    const bobs = await decide(bobsBid.amount, T0 + 2, bobsBid);
    expect(bobs).toMatchObject({
      outcome: 'rejected',
      reason: 'outbid_by_maximum',
      price: null,
      automatic: { bidderId: alice.bidderId, bidderUsername: 'alice', amount: $(11_100), maxAmount: $(12_000), seq: 2 },
      currentPrice: $(11_100),
      leaderId: alice.bidderId,
      bidCount: 2,
      seq: 2,
    });
    expect(rowsOf(bobsBid, bobs)).toEqual([
      ['proxy', 'alice', $(11_100), 2],
      ['bid', 'bob', null, 2],
    ]);
    // Carol bids the minimum up to $15,000: Alice's maximum is used up ($12,000), then Carol leads one increment above it.
    const carolsBid = { ...carol, amount: $(11_200), maxAmount: $(15_000) };
    const carols = await decide(carolsBid.amount, T0 + 3, carolsBid);
    expect(carols).toMatchObject({
      outcome: 'accepted',
      price: $(12_100),
      automatic: { bidderId: alice.bidderId, amount: $(12_000), maxAmount: $(12_000), seq: 3 },
      currentPrice: $(12_100),
      leaderId: carol.bidderId,
      previousLeaderId: alice.bidderId,
      bidCount: 4,
      seq: 4,
    });
    expect(rowsOf(carolsBid, carols)).toEqual([
      ['proxy', 'alice', $(12_000), 3],
      ['bid', 'carol', $(12_100), 4],
    ]);
    expect(await state()).toMatchObject({ currentPrice: $(12_100), leaderId: carol.bidderId, leaderMax: $(15_000), bidCount: 4, seq: 4 });
  });

  test('equal maximums: the earlier keeps the lead, at that maximum', async () => {
    await configure();
    await decide(1_000, T0 + 1, { ...alice, maxAmount: 3_000 });
    expect(await decide(2_000, T0 + 2, { ...bob, maxAmount: 3_000 })).toMatchObject({
      outcome: 'rejected',
      reason: 'outbid_by_maximum',
      automatic: { bidderId: alice.bidderId, amount: 3_000 },
      currentPrice: 3_000,
      leaderId: alice.bidderId,
    });
    // One cent more would have led, at that cent (his maximum), after Alice's maximum was used up.
    await configure();
    await decide(1_000, T0 + 1, { ...alice, maxAmount: 3_000 });
    expect(await decide(1_100, T0 + 2, { ...bob, maxAmount: 3_001 })).toMatchObject({
      outcome: 'accepted',
      price: 3_001,
      automatic: { bidderId: alice.bidderId, amount: 3_000 },
      leaderId: bob.bidderId,
      bidCount: 3,
    });
  });

  test('a maximum that reaches the reserve leads at the reserve; one below it does not', async () => {
    await configure({ reservePrice: 5_000 });
    expect(await decide(1_000, T0 + 1, { ...alice, maxAmount: 4_999 })).toMatchObject({
      outcome: 'accepted',
      price: 1_000,
      reserveJustMet: false,
    });
    // Bob's maximum reaches the reserve: he leads at it, not one increment above Alice's maximum.
    expect(await decide(1_100, T0 + 2, { ...bob, maxAmount: 5_000 })).toMatchObject({
      outcome: 'accepted',
      price: 5_000,
      automatic: { bidderId: alice.bidderId, amount: 4_999 },
      currentPrice: 5_000,
      leaderId: bob.bidderId,
      reserveMet: true,
      // The one decision that met it says so (the notifier's "reserve met"); later ones do not.
      reserveJustMet: true,
    });
    expect(await decide(5_100, T0 + 3, alice)).toMatchObject({ outcome: 'accepted', reserveMet: true, reserveJustMet: false });
    await configure({ reservePrice: 5_000 });
    expect(await decide(1_000, T0 + 1, { ...alice, maxAmount: 5_000 })).toMatchObject({ price: 5_000, reserveMet: true });
  });

  test('the leader raising their maximum does not raise the price (except to meet the reserve)', async () => {
    await configure({ reservePrice: 4_000 });
    await decide(1_000, T0 + 1, { ...alice, maxAmount: 2_000 });
    expect(await decide(1_100, T0 + 2, { ...alice, maxAmount: 3_000 })).toMatchObject({
      outcome: 'accepted',
      price: null,
      currentPrice: 1_000,
      bidCount: 1,
      seq: 2,
      automatic: null,
    });
    expect(await state()).toMatchObject({ currentPrice: 1_000, leaderMax: 3_000, bidCount: 1 });
    // Now within reach of the reserve: the price goes to it, and that is a bid.
    expect(await decide(1_100, T0 + 3, { ...alice, maxAmount: 6_000 })).toMatchObject({
      outcome: 'accepted',
      price: 4_000,
      currentPrice: 4_000,
      bidCount: 2,
      seq: 3,
    });
    // The raised maximum answers the next bid.
    expect(await decide(4_500, T0 + 4, bob)).toMatchObject({
      reason: 'outbid_by_maximum',
      automatic: { bidderId: alice.bidderId, amount: 4_600, maxAmount: 6_000 },
    });
  });

  test('the leader may lower their maximum, never below the price', async () => {
    await configure();
    await decide(1_000, T0 + 1, { ...alice, maxAmount: 3_000 });
    await decide(1_500, T0 + 2, bob); // Alice's maximum answers: $16.00
    const before = await state();
    expect(await decide(1_550, T0 + 3, { ...alice, maxAmount: 1_599 })).toMatchObject({
      outcome: 'rejected',
      reason: 'max_below_price',
      seq: before.seq,
      currentPrice: 1_600,
    });
    expect(await state()).toEqual({ ...before, lastOffset: before.lastOffset! + 1 });
    // A plain bid never lowers it (a second tab, a double click): still $30.00.
    expect(await decide(1_600, T0 + 4, alice)).toMatchObject({ outcome: 'accepted', changed: false, price: null, after: null });
    expect(await state()).toMatchObject({ leaderMax: 3_000 });
    // Down to the price itself, given as a maximum, is allowed, and then a plain bid above it wins.
    expect(await decide(1_600, T0 + 5, { ...alice, maxAmount: 1_600 })).toMatchObject({
      outcome: 'accepted',
      price: null,
      currentPrice: 1_600,
    });
    expect(await state()).toMatchObject({ leaderMax: 1_600 });
    expect(await decide(1_700, T0 + 6, bob)).toMatchObject({ outcome: 'accepted', automatic: null, price: 1_700, leaderId: bob.bidderId });
  });

  test('a bid with a maximum that reaches the minimum is lifted to it (the price moved since its bidder looked)', async () => {
    await configure();
    await decide(1_000, T0 + 1, bob);
    await decide(1_100, T0 + 2, { bidderId: 3, maskedName: 'c***l', username: 'carol' });
    // Alice saw $10.00 and bid $11.00 up to $15.00; the price is $11.00 by now: she leads at $12.00.
    expect(await decide(1_100, T0 + 3, { ...alice, maxAmount: 1_500 })).toMatchObject({
      outcome: 'accepted',
      price: 1_200,
      leaderId: alice.bidderId,
    });
    // A maximum below the minimum ($13.00) is refused as a plain bid would be; one that reaches it
    // meets Alice's maximum, which answers it at once.
    expect(await decide(1_250, T0 + 4, { ...bob, maxAmount: 1_299 })).toMatchObject({ outcome: 'rejected', reason: 'below_minimum' });
    expect(await decide(1_000, T0 + 5, { ...bob, maxAmount: 1_300 })).toMatchObject({
      outcome: 'rejected',
      reason: 'outbid_by_maximum',
      currentPrice: 1_400,
    });
  });

  test('a refused bid does not extend the soft close; a bid a maximum answers does (the price moved)', async () => {
    await configure({ softCloseMs: 10_000 });
    expect(await decide(1_000, T0 + 55_000, { ...alice, maxAmount: 5_000 })).toMatchObject({ endsAt: T0 + 65_000 });
    expect(await decide(1_000, T0 + 64_000, bob)).toMatchObject({ reason: 'below_minimum', endsAt: T0 + 65_000 });
    expect(await decide(900, T0 + 64_500, { ...alice, maxAmount: 900 })).toMatchObject({ reason: 'max_below_price', endsAt: T0 + 65_000 });
    // The leader raising their maximum moves neither price nor leader: no extension either.
    expect(await decide(1_000, T0 + 64_600, { ...alice, maxAmount: 6_000 })).toMatchObject({ outcome: 'accepted', endsAt: T0 + 65_000 });
    expect(await decide(2_000, T0 + 64_700, bob)).toMatchObject({ reason: 'outbid_by_maximum', currentPrice: 2_100, endsAt: T0 + 74_700 });
    expect(await redis.zscore(AUCTIONS_BY_END_KEY, auctionId)).toBe(String(T0 + 74_700));
  });

  test('the soft-close cap: the end never moves past the configured end plus the cap', async () => {
    await configure({ softCloseMs: 10_000, softCloseCapMs: 8_000 });
    expect(await decide(1_000, T0 + 59_000)).toMatchObject({ outcome: 'accepted', endsAt: T0 + 68_000 });
    expect(await decide(1_100, T0 + 67_000)).toMatchObject({ outcome: 'accepted', endsAt: T0 + 68_000 });
    expect(await decide(1_200, T0 + 67_999)).toMatchObject({ outcome: 'accepted', endsAt: T0 + 68_000 });
    expect(await decide(1_300, T0 + 68_000)).toMatchObject({ outcome: 'rejected', reason: 'auction_ended' });
    expect(await closeAuction(redis, auctionId, T0 + 68_000)).toMatchObject({ closed: true, status: 'sold', finalPrice: 1_200 });
  });

  test('an increment table: the step is the one at the current price, across a tier boundary', async () => {
    const incrementTiers = [
      { fromPrice: 0, increment: 100 },
      { fromPrice: 2_000, increment: 500 },
    ];
    await configure({ incrementTiers });
    expect(await decide(1_950, T0 + 1, alice)).toMatchObject({ minimumNextBid: 2_050, increment: 100 });
    // Bob's maximum beats Alice's by more than one step: he leads one step (at her maximum's tier) above it.
    await decide(2_050, T0 + 2, { ...alice, maxAmount: 2_100 });
    expect(await decide(2_050, T0 + 3, { ...bob, maxAmount: 9_000 })).toMatchObject({
      price: 2_600,
      automatic: { amount: 2_100 },
      minimumNextBid: 3_100,
      increment: 500,
    });
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
      username: 'alice',
      amount: 2_000,
      placedAt: T0 + 1,
    };
    await expect(decideBid(redis, bid, { outcome: 'accepted', reason: null, seq: 1 })).rejects.toThrow(/^NOT_REBUILDING/);
  });
});
