import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  AUCTION_STATE_EPOCH_KEY,
  AUCTIONS_BY_END_KEY,
  auctionOutcomesKey,
  auctionStateKey,
  maskName,
  type AuctionConfig,
} from '@car-auction/contracts';
import { closeAuction, decideBid, syncAuctionConfig } from '@car-auction/service-support';
import { appendToLedger, type LedgerEntry, type LedgerModel } from '../src/ledger/bid-ledger';
import { openTestLedger } from './helpers/test-ledger';
import { ensureAuctionState } from '../src/auction-state/rebuild-from-ledger';
import { ledgerRowsOf } from '../src/processing/decide-batch';
import { createLogger } from '../src/log';
import { seededRandom } from '@car-auction/test-support/random';

/**
 * Redis loses everything; the state is rebuilt from the ledger and must equal
 * what it was: every auction hash, every stored outcome, the end index. Real
 * Redis (a database of its own) and the real ledger server (a database of its own).
 */
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { db: 10 });
let ledger: LedgerModel;
let dropLedger: () => Promise<void>;
const log = createLogger('silent');

const T0 = 1_800_000_000_000;
const configs = new Map<string, AuctionConfig>();

/** What the cms writes (auction_sync_config): the configuration, and the end index unless closed. */
async function writeConfigs() {
  for (const [auctionId, c] of configs) await syncAuctionConfig(redis, auctionId, c);
}

async function snapshot() {
  const out: Record<string, unknown> = {};
  for (const auctionId of configs.keys()) {
    out[auctionId] = {
      state: await redis.hgetall(auctionStateKey(auctionId)),
      outcomes: await redis.hgetall(auctionOutcomesKey(auctionId)),
    };
  }
  out.byEnd = await redis.zrange(AUCTIONS_BY_END_KEY, '0', '-1', 'WITHSCORES');
  return out;
}

beforeAll(async () => {
  await redis.flushdb();
  ({ ledger, drop: dropLedger } = await openTestLedger('rebuild-test'));
});

afterAll(async () => {
  await dropLedger?.();
  await redis.flushdb();
  redis.disconnect();
});

test('after a total loss the state rebuilt from the ledger equals the state before', async () => {
  const random = seededRandom(42);
  // Six auctions: with and without reserve, with soft close, one withdrawn later, all ending at T0+60s.
  for (let i = 0; i < 6; i++) {
    configs.set(`rb${randomUUID().replace(/-/g, '').slice(0, 18)}`, {
      startsAt: T0,
      endsAt: T0 + 60_000,
      startingPrice: 1_000,
      minIncrement: 100,
      reservePrice: i % 2 === 0 ? 5_000 : 0,
      softCloseMs: i % 3 === 0 ? 10_000 : 0,
      softCloseCapMs: 0,
      incrementTiers: [],
    });
  }
  const ids = [...configs.keys()];
  await redis.set(AUCTION_STATE_EPOCH_KEY, `ready:${Date.now()}`);
  await writeConfigs();

  const offsets = new Map<string, number>();
  const entries: LedgerEntry[] = [];
  const decideOne = async (auctionId: string, placedAt: number) => {
    const offset = offsets.get(auctionId) ?? 0;
    offsets.set(auctionId, offset + 1);
    const bidderId = 1 + Math.floor(random() * 9);
    const bid = {
      bidId: randomUUID(),
      auctionId,
      partition: ids.indexOf(auctionId),
      offset: String(offset),
      bidderId,
      maskedName: maskName(`bidder${bidderId}`),
      username: `bidder${bidderId}`,
      amount: 900 + Math.floor(random() * 80) * 100,
      placedAt,
    };
    const decided = await decideBid(redis, bid);
    const message = {
      schemaVersion: 1 as const,
      bidId: bid.bidId,
      auctionId,
      bidderId,
      bidderUsername: bid.username,
      amount: bid.amount,
      placedAt,
    };
    entries.push(...ledgerRowsOf({ bid: message, partition: bid.partition, offset: bid.offset, decided }, new Date()));
  };
  // 600 bids over the auctions' lives, some in the soft-close window, some early, some late.
  for (let i = 0; i < 600; i++) {
    const auctionId = ids[Math.floor(random() * ids.length)]!;
    await decideOne(auctionId, T0 - 1_000 + Math.floor(random() * 75_000));
  }
  // Close two auctions, then more bids arrive for them (rejected as ended, after the close).
  for (const auctionId of ids.slice(0, 2)) {
    expect((await closeAuction(redis, auctionId, T0 + 500_000)).closed).toBe(true);
    for (let i = 0; i < 5; i++) await decideOne(auctionId, T0 + 100_000 + i);
  }
  // A third closes with no bid after it.
  expect((await closeAuction(redis, ids[2]!, T0 + 500_000)).closed).toBe(true);
  await appendToLedger(ledger, entries);
  expect(entries.filter((e) => e.outcome === 'accepted').length).toBeGreaterThan(20);
  const before = await snapshot();

  // Redis restarts empty.
  await redis.flushdb();
  let synced = 0;
  const result = await ensureAuctionState({
    redis,
    ledger,
    log,
    chunkSize: 64,
    syncConfig: async () => {
      synced++;
      await writeConfigs();
    },
  });
  expect(result).toBe('rebuilt');
  expect(synced).toBe(1);
  expect(await redis.get(AUCTION_STATE_EPOCH_KEY)).toMatch(/^ready:/);
  // The closer closes again what had closed with no bid after it.
  expect((await closeAuction(redis, ids[2]!, T0 + 500_000)).closed).toBe(true);
  expect(await snapshot()).toEqual(before);

  // A second call finds the state whole and does nothing.
  expect(
    await ensureAuctionState({
      redis,
      ledger,
      log,
      syncConfig: async () => {
        synced++;
      },
    }),
  ).toBe('ready');
  expect(synced).toBe(1);
});
