import { isDeepStrictEqual } from 'node:util';
import { Redis } from 'ioredis';
import fc from 'fast-check';
import {
  AUCTION_STATE_EPOCH_KEY,
  AUCTION_STATE_FIELDS,
  AUCTIONS_BY_END_KEY,
  DEFAULT_CAR_INCREMENT_TIERS,
  auctionOutcomesKey,
  auctionStateKey,
  maskName,
  parseAuctionHash,
  type AuctionConfig,
  type BidMessage,
  type IncrementTier,
} from '@car-auction/contracts';
import {
  closeAuction,
  decideBid,
  syncAuctionConfig,
  withdrawAuction,
  type BidToDecide,
  type DecidedBid,
} from '@car-auction/service-support';
import { incrementAt, OracleAuction, type OracleDecision } from '@car-auction/test-support/auction-oracle';
import { runSeed } from '@car-auction/test-support/random';
import { appendToLedger, type LedgerEntry, type LedgerModel } from '../src/ledger/bid-ledger';
import { openTestLedger } from './helpers/test-ledger';
import { ensureAuctionState } from '../src/auction-state/rebuild-from-ledger';
import { ledgerRowsOf } from '../src/processing/decide-batch';
import { createLogger } from '../src/log';

/**
 * The auction library (service-support/lua/auction.lua, on a real Redis) against
 * the independent oracle (test-support/src/auction-oracle.ts), over random bid
 * sequences: every decision's answer and every final state must be the oracle's.
 * A subset also goes through the ledger: Redis flushed, rebuilt from the rows the
 * worker would have written, and the hash and stored outcomes must come back as
 * they were. A database of its own (db 11; its own ledger database), so the epoch
 * set here is never the running system's. TEST_SEED repeats a run.
 */
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { db: 11 });
let ledger: LedgerModel;
let dropLedger: () => Promise<void>;
const log = createLogger('silent');

const SEED = runSeed(20_261_201);
/** Sequences x steps: about 3,000 x 20 decisions against the engine, and 300 sequences through a rebuild. */
const RUNS = 3_000;
const REBUILD_RUNS = 300;
const MAX_STEPS = 40;

const T0 = 1_800_000_000_000;
const STATE_FIELDS = new Set<string>(AUCTION_STATE_FIELDS);
const LIFE_MS = 60_000;
const BIDDERS = ['alice', 'bob', 'carol', 'dave'];

beforeAll(async () => {
  await redis.flushdb();
  await redis.set(AUCTION_STATE_EPOCH_KEY, `ready:${Date.now()}`);
  ({ ledger, drop: dropLedger } = await openTestLedger('rules-property'));
});

afterAll(async () => {
  await dropLedger?.();
  await redis.flushdb();
  redis.disconnect();
});

// ---- what a sequence is made of ------------------------------------------------------------

/** Where an amount or a maximum is taken from: the edges the rules turn on. */
const ANCHORS = ['min', 'min-1', 'reserve', 'reserve-1', 'leaderMax', 'leaderMax-1', 'leaderMax+1', 'price', 'price-1', 'start'] as const;
type Anchor = (typeof ANCHORS)[number];
/** A pick: the anchor, then `steps` increments (at the anchor's price) and `cents` above it. */
interface Pick {
  anchor: Anchor | 'amount';
  steps: number;
  cents: number;
}
const nudge = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ steps: 0, cents: 0 }) },
  { weight: 2, arbitrary: fc.record({ steps: fc.integer({ min: 1, max: 4 }), cents: fc.constant(0) }) },
  { weight: 1, arbitrary: fc.record({ steps: fc.constant(0), cents: fc.integer({ min: 1, max: 2_500 }) }) },
);
const amountPick = fc.tuple(fc.constantFrom(...ANCHORS), nudge).map(([anchor, n]): Pick => ({ anchor, ...n }));
const maxPick = fc.oneof(
  { weight: 5, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.tuple(fc.constant('amount' as const), nudge).map(([anchor, n]): Pick => ({ anchor, ...n })) },
  { weight: 3, arbitrary: amountPick },
);
type Time = { at: 'inside'; ms: number } | { at: 'window'; ms: number } | { at: 'end-1' | 'end' | 'end+1' | 'start-1' | 'start' };
const time = fc.oneof(
  { weight: 6, arbitrary: fc.record({ at: fc.constant('inside' as const), ms: fc.integer({ min: 0, max: LIFE_MS - 1 }) }) },
  { weight: 3, arbitrary: fc.record({ at: fc.constant('window' as const), ms: fc.integer({ min: 1, max: 30_000 }) }) },
  { weight: 2, arbitrary: fc.record({ at: fc.constantFrom('end-1' as const, 'end' as const, 'end+1' as const) }) },
  { weight: 1, arbitrary: fc.record({ at: fc.constantFrom('start-1' as const, 'start' as const) }) },
);
type Step =
  | { kind: 'bid'; bidder: number; amount: Pick; max: Pick | null; time: Time; gap: number }
  /** An earlier bid again: same id, same position (a redelivery). */
  | { kind: 'redeliver'; which: number }
  /** A new bid at a position already applied (a zombie consumer's). */
  | { kind: 'stale'; bidder: number; amount: Pick; max: Pick | null; time: Time; back: number }
  | { kind: 'close'; at: 'end-1' | 'end' | 'end+1' }
  /** The cms unpublishes it, or an admin withdraws it: later bids are refused (and the closer no longer sees it). */
  | { kind: 'withdraw' }
  /** An admin ends it now (the cms writes the moment into its configuration): at a time inside its life or its window. */
  | { kind: 'end-now'; time: Time };
const bidStep = fc.record({
  kind: fc.constant('bid' as const),
  bidder: fc.nat(),
  amount: amountPick,
  max: maxPick,
  time,
  gap: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
});
// Weights per thousand steps.
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 800, arbitrary: bidStep },
  { weight: 80, arbitrary: fc.record({ kind: fc.constant('redeliver' as const), which: fc.nat() }) },
  {
    weight: 80,
    arbitrary: fc.record({ kind: fc.constant('stale' as const), bidder: fc.nat(), amount: amountPick, max: maxPick, time, back: fc.nat() }),
  },
  {
    weight: 36,
    arbitrary: fc.record({ kind: fc.constant('close' as const), at: fc.constantFrom('end-1' as const, 'end' as const, 'end+1' as const) }),
  },
  { weight: 4, arbitrary: fc.constant({ kind: 'withdraw' as const }) },
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('end-now' as const), time }) },
);

/** A custom table whose tiers start just above the starting price, so prices cross them. */
const customTiers = (startingPrice: number) =>
  fc
    .tuple(
      fc.integer({ min: 1, max: 500 }),
      fc.array(fc.record({ gap: fc.integer({ min: 1, max: 3_000 }), increment: fc.integer({ min: 1, max: 2_000 }) }), {
        minLength: 1,
        maxLength: 4,
      }),
    )
    .map(([first, rest]): IncrementTier[] => {
      let from = startingPrice;
      return [{ fromPrice: 0, increment: first }, ...rest.map(({ gap, increment }) => ({ fromPrice: (from += gap), increment }))];
    });

const config: fc.Arbitrary<AuctionConfig> = fc
  .record({
    startingPrice: fc.oneof(fc.constantFrom(1_000, 10_000, 99_950, 100_000, 499_900), fc.integer({ min: 1, max: 300_000 })),
    minIncrement: fc.constantFrom(1, 50, 100, 5_000),
    softCloseMs: fc.constantFrom(0, 10_000, 10_000, 30_000),
    softCloseCapMs: fc.constantFrom(0, 0, 5_000, 25_000),
  })
  .chain((c) =>
    fc.record({
      startsAt: fc.constant(T0),
      endsAt: fc.constant(T0 + LIFE_MS),
      startingPrice: fc.constant(c.startingPrice),
      minIncrement: fc.constant(c.minIncrement),
      reservePrice: fc.oneof(
        { weight: 2, arbitrary: fc.constant(0) },
        { weight: 3, arbitrary: fc.integer({ min: -200, max: 5_000 }).map((d) => Math.max(1, c.startingPrice + d)) },
      ),
      softCloseMs: fc.constant(c.softCloseMs),
      softCloseCapMs: fc.constant(c.softCloseCapMs),
      incrementTiers: fc.oneof(
        fc.constant<IncrementTier[]>([]),
        fc.constant<IncrementTier[]>(DEFAULT_CAR_INCREMENT_TIERS.map((t) => ({ ...t }))),
        customTiers(c.startingPrice),
      ),
    }),
  );

const sequence = fc.record({
  config,
  bidders: fc.integer({ min: 2, max: BIDDERS.length }),
  steps: fc.array(step, { minLength: 1, maxLength: MAX_STEPS, size: 'max' }),
});
type Sequence = { config: AuctionConfig; bidders: number; steps: Step[] };

// ---- playing a sequence against both --------------------------------------------------------

let auctions = 0;
const PARTITION = 3;

/** An amount from its pick, read off the oracle's state at that moment (only to aim at the edges). */
function resolve(pick: Pick, oracle: OracleAuction, amount?: number): number {
  const { state, config: c } = oracle;
  const min = oracle.minimumNextBid;
  const bases: Record<Pick['anchor'], number> = {
    min,
    'min-1': min - 1,
    reserve: c.reservePrice || min,
    'reserve-1': (c.reservePrice || min) - 1,
    leaderMax: state.leaderMax ?? min,
    'leaderMax-1': (state.leaderMax ?? min) - 1,
    'leaderMax+1': (state.leaderMax ?? min) + 1,
    price: state.price ?? c.startingPrice,
    'price-1': (state.price ?? c.startingPrice) - 1,
    start: c.startingPrice,
    amount: amount ?? min,
  };
  const base = bases[pick.anchor];
  return Math.max(1, base + pick.steps * incrementAt(c, Math.max(0, base)) + pick.cents);
}

function timeOf(t: Time, oracle: OracleAuction): number {
  const end = oracle.effectiveEnd;
  switch (t.at) {
    case 'inside':
      return T0 + t.ms;
    case 'window':
      return end - t.ms;
    case 'end-1':
      return end - 1;
    case 'end':
      return end;
    case 'end+1':
      return end + 1;
    case 'start-1':
      return T0 - 1;
    case 'start':
      return T0;
  }
}

/** The fields of a decision the rules fix (not reserveMet: presentation). */
const comparable = (d: DecidedBid | OracleDecision) =>
  d.outcome === 'stale'
    ? { outcome: d.outcome, replayed: d.replayed ?? false }
    : {
        outcome: d.outcome,
        reason: d.reason ?? null,
        price: d.price ?? null,
        automatic: d.automatic ?? null,
        seq: d.seq,
        changed: d.changed ?? null,
        currentPrice: d.currentPrice,
        leaderId: d.leaderId,
        leaderName: d.leaderName,
        bidCount: d.bidCount,
        endsAt: d.endsAt,
        minimumNextBid: d.minimumNextBid,
        increment: d.increment,
        // Who was outbid: told only by an accepted bid (a rejection may not say).
        previousLeaderId: d.outcome === 'accepted' ? d.previousLeaderId : undefined,
        after: d.after ?? null,
        replayed: d.replayed ?? false,
      };

/** The final state as both hold it: the engine's hash parsed by contracts, the oracle's state. */
function finalOf(oracle: OracleAuction) {
  const s = oracle.state;
  return {
    seq: s.seq,
    currentPrice: s.price,
    leaderId: s.leaderId,
    leaderName: s.leaderName,
    leaderUsername: s.leaderUsername,
    leaderMax: s.leaderMax,
    leaderBidId: s.leaderBidId,
    bidCount: s.bidCount,
    softCloseUntil: s.softCloseUntil,
    lastPartition: s.lastPartition,
    lastOffset: s.lastOffset,
    closedAs: s.closedAs,
    effectiveEnd: oracle.effectiveEnd,
    minNextBid: oracle.minimumNextBid,
    increment: incrementAt(oracle.config, s.bidCount > 0 ? s.price! : oracle.config.startingPrice),
  };
}

async function engineFinal(auctionId: string) {
  const hash = parseAuctionHash(await redis.hgetall(auctionStateKey(auctionId)));
  if (!hash) throw new Error(`auction ${auctionId}: no hash`);
  const { lastPartition, lastOffset, ...state } = hash.state;
  return { ...state, lastPartition, lastOffset, effectiveEnd: hash.effectiveEnd, minNextBid: hash.minNextBid, increment: hash.increment };
}

class Disagreement extends Error {}

/** How often each case came up over a test's runs: each must, or the generators stopped reaching it. */
const cases = new Map<string, number>();
const count = (name: string) => cases.set(name, (cases.get(name) ?? 0) + 1);
function seen(c: AuctionConfig, d: DecidedBid, before: { end: number; max: number | null; price: number | null }, bid: BidToDecide) {
  count('decision');
  count(d.replayed ? 'replayed' : d.reason ? `${d.outcome}:${d.reason}` : d.outcome);
  if (d.replayed || d.outcome === 'stale') return;
  if (d.automatic) count(d.outcome === 'accepted' ? 'automatic bid, then outbid' : 'automatic bid answering');
  if (d.reason === 'outbid_by_maximum' && (bid.maxAmount ?? bid.amount) === before.max) count('equal maximums');
  if (d.outcome === 'accepted' && d.previousLeaderId === null && d.price === null) count('leader changed maximum');
  if (d.outcome === 'accepted' && d.previousLeaderId === null && d.price !== null && d.bidCount > 1) count('leader met the reserve');
  if (c.reservePrice > 0 && d.currentPrice === c.reservePrice && before.price !== c.reservePrice) count('price jumped to the reserve');
  if (before.price !== null && d.currentPrice !== null && incrementAt(c, before.price) !== incrementAt(c, d.currentPrice))
    count('crossed a tier');
  if (d.endsAt > before.end) count('soft close extended');
  if (d.changed && c.softCloseCapMs > 0 && bid.placedAt + c.softCloseMs > c.endsAt + c.softCloseCapMs) count('soft close at its cap');
}
const EXPECTED_CASES = [
  'accepted',
  'rejected:below_minimum',
  'rejected:outbid_by_maximum',
  'rejected:max_below_price',
  'rejected:auction_ended',
  'rejected:not_started',
  'rejected:auction_withdrawn',
  'stale',
  'replayed',
  'automatic bid, then outbid',
  'automatic bid answering',
  'equal maximums',
  'leader changed maximum',
  'leader met the reserve',
  'price jumped to the reserve',
  'crossed a tier',
  'soft close extended',
  'soft close at its cap',
  'close:closed',
  'close:extended',
  'close:already_closed',
  'ended early',
];

interface Played {
  auctionId: string;
  oracle: OracleAuction;
  rows: LedgerEntry[];
  /** endedBy of the close that closed it, and whether a decided bid came after it. */
  closed: { endedBy: number; bidsAfter: boolean } | null;
}

async function play({ config: c, bidders, steps }: Sequence): Promise<Played> {
  const auctionId = `prop${SEED.toString(36)}x${(auctions++).toString(36)}`;
  await syncAuctionConfig(redis, auctionId, c);
  const oracle = new OracleAuction(c);
  const trace: unknown[] = [];
  const sent: BidToDecide[] = [];
  const rows: LedgerEntry[] = [];
  let closed: Played['closed'] = null;
  let nextOffset = 0;
  const fail = (what: string, engine: unknown, expected: unknown): never => {
    throw new Disagreement(
      `${what}\n  engine: ${JSON.stringify(engine)}\n  oracle: ${JSON.stringify(expected)}\n` +
        `config: ${JSON.stringify(c)}\nsteps so far:\n${trace.map((t) => `  ${JSON.stringify(t)}`).join('\n')}`,
    );
  };
  const decideBoth = async (bid: BidToDecide) => {
    const before = { end: oracle.effectiveEnd, max: oracle.state.leaderMax, price: oracle.state.price };
    const oracleDecision = oracle.bid({ ...bid, offset: Number(bid.offset), maxAmount: bid.maxAmount ?? null });
    const decided = await decideBid(redis, bid);
    seen(c, decided, before, bid);
    trace.push({ bid: { ...bid, auctionId: undefined, maskedName: undefined }, engine: comparable(decided) });
    if (!isDeepStrictEqual(comparable(decided), comparable(oracleDecision)))
      fail(`bid ${bid.bidId} decided differently`, comparable(decided), comparable(oracleDecision));
    const message: BidMessage = {
      schemaVersion: 1,
      bidId: bid.bidId,
      auctionId,
      bidderId: bid.bidderId,
      bidderUsername: bid.username,
      amount: bid.amount,
      ...(bid.maxAmount != null ? { maxAmount: bid.maxAmount } : {}),
      placedAt: bid.placedAt,
    };
    rows.push(...ledgerRowsOf({ bid: message, partition: bid.partition, offset: bid.offset, decided }, new Date(T0)));
    if (closed && decided.outcome !== 'stale' && !decided.replayed) closed.bidsAfter = true;
  };
  const newBid = (s: Extract<Step, { kind: 'bid' | 'stale' }>, offset: number): BidToDecide => {
    const username = BIDDERS[s.bidder % bidders]!;
    const amount = resolve(s.amount, oracle);
    const max = s.max && Math.max(amount, resolve(s.max, oracle, amount));
    return {
      bidId: `${auctionId}-${sent.length}`,
      auctionId,
      partition: PARTITION,
      offset: String(offset),
      bidderId: 100 + (s.bidder % bidders),
      maskedName: maskName(username),
      username,
      amount,
      ...(max !== null ? { maxAmount: max } : {}),
      placedAt: timeOf(s.time, oracle),
    };
  };

  for (const s of steps) {
    if (s.kind === 'bid') {
      nextOffset += s.gap;
      const bid = newBid(s, nextOffset++);
      sent.push(bid);
      await decideBoth(bid);
    } else if (s.kind === 'redeliver') {
      if (sent.length > 0) await decideBoth(sent[s.which % sent.length]!);
    } else if (s.kind === 'stale') {
      if (nextOffset === 0) continue;
      const bid = newBid(s, nextOffset - 1 - (s.back % nextOffset));
      sent.push(bid);
      await decideBoth(bid);
    } else if (s.kind === 'end-now') {
      // Once, while it runs, as the cms allows it.
      if (oracle.config.hardEndAt || oracle.state.closedAs !== null || oracle.state.withdrawn) continue;
      const at = timeOf(s.time, oracle);
      oracle.endAt(at);
      await syncAuctionConfig(redis, auctionId, oracle.config);
      trace.push({ endNow: at });
      count(at < Math.max(c.endsAt, oracle.state.softCloseUntil) ? 'ended early' : 'ended after the end');
    } else if (s.kind === 'withdraw') {
      await withdrawAuction(redis, auctionId);
      oracle.withdraw();
      trace.push({ withdraw: true });
    } else if (!oracle.state.withdrawn) {
      const end = oracle.effectiveEnd;
      const endedBy = s.at === 'end-1' ? end - 1 : s.at === 'end' ? end : end + 1;
      const expected = oracle.close(endedBy);
      const got = await closeAuction(redis, auctionId, endedBy);
      trace.push({ close: endedBy, engine: got });
      if (!isDeepStrictEqual(got, expected)) fail(`close at ${endedBy} differs`, got, expected);
      count(`close:${got.closed ? 'closed' : got.why}`);
      if (got.closed) closed = { endedBy, bidsAfter: false };
    }
  }
  const engine = await engineFinal(auctionId);
  if (!isDeepStrictEqual(engine, finalOf(oracle))) fail('final state differs', engine, finalOf(oracle));
  return { auctionId, oracle, rows, closed };
}

/** Runs the property; a failure names the seed that repeats it. */
async function check(property: fc.IAsyncPropertyWithHooks<[Sequence]>, numRuns: number) {
  try {
    await fc.assert(property, { seed: SEED, numRuns, endOnFailure: false });
  } catch (err) {
    (err as Error).message = `TEST_SEED=${SEED} repeats this run.\n${(err as Error).message}`;
    throw err;
  }
}

test(`${RUNS} random bid sequences: the engine decides every bid as the oracle does, and ends in its state`, async () => {
  cases.clear();
  await check(
    fc.asyncProperty(sequence, async (seq) => {
      await play(seq);
    }),
    RUNS,
  );
  // Thousands of decisions, each case many times: the generators must not collapse to trivial sequences.
  expect(cases.get('decision')).toBeGreaterThan(RUNS * 15);
  const rare = EXPECTED_CASES.filter((name) => (cases.get(name) ?? 0) < 20).map((name) => `${name}: ${cases.get(name) ?? 0} times`);
  expect(rare).toEqual([]);
}, 120_000);

test(`${REBUILD_RUNS} sequences through the ledger: Redis rebuilt from the worker's rows holds the same hash and outcomes`, async () => {
  await check(
    fc.asyncProperty(sequence, async (seq) => {
      await redis.flushdb();
      await redis.set(AUCTION_STATE_EPOCH_KEY, `ready:${Date.now()}`);
      await ledger.deleteMany({});
      const { auctionId, rows, closed, oracle } = await play(seq);
      await appendToLedger(ledger, rows);
      // A withdrawn auction comes back without its configuration (bids for it stay unknown): its state
      // must, and each stored decision but what the configuration shows (the end, the minimum, the reserve
      // and whether a bid met it).
      const withdrawn = oracle.state.withdrawn;
      const kept = (hash: Record<string, string>) =>
        withdrawn ? Object.fromEntries(Object.entries(hash).filter(([field]) => STATE_FIELDS.has(field))) : hash;
      // Ended now after some bids: a rebuilt outcome tells the end in force now, not the one then.
      const endedNow = Boolean(oracle.config.hardEndAt);
      const decisions = (outcomes: Record<string, string>) =>
        withdrawn || endedNow
          ? Object.fromEntries(
              Object.entries(outcomes).map(([bidId, json]) => {
                const { endsAt, minimumNextBid, increment, reserveMet, reserveJustMet, ...rest } = JSON.parse(json) as DecidedBid;
                return [bidId, withdrawn ? rest : { ...rest, minimumNextBid, increment, reserveMet, reserveJustMet }];
              }),
            )
          : outcomes;
      const snapshot = async () => ({
        state: kept(await redis.hgetall(auctionStateKey(auctionId))),
        outcomes: decisions(await redis.hgetall(auctionOutcomesKey(auctionId))),
        end: await redis.zscore(AUCTIONS_BY_END_KEY, auctionId),
      });
      const before = await snapshot();
      await redis.flushdb();
      expect(
        await ensureAuctionState({
          redis,
          ledger,
          log,
          chunkSize: 7,
          // What the cms does: it writes the configuration of published auctions; a withdrawn one is not.
          syncConfig: async () => {
            if (!oracle.state.withdrawn) await syncAuctionConfig(redis, auctionId, oracle.config);
          },
        }),
      ).toBe('rebuilt');
      // A close with no decided bid after it is not in the ledger: the closer makes it again.
      if (closed && !closed.bidsAfter) expect((await closeAuction(redis, auctionId, closed.endedBy)).closed).toBe(true);
      const after = await snapshot();
      if (!isDeepStrictEqual(after, before))
        throw new Disagreement(`rebuilt state differs\n  before: ${JSON.stringify(before)}\n  after:  ${JSON.stringify(after)}`);
    }),
    REBUILD_RUNS,
  );
}, 180_000);
