import { isDeepStrictEqual } from 'node:util';
import { expect } from '@jest/globals';
import type { Core } from '@strapi/strapi';
import { DEFAULT_SOFT_CLOSE_MS, parseAuctionHash, proxyRowId, type AuctionConfig, type IncrementTier } from '@car-auction/contracts';
import { replayLedgerRows } from '@car-auction/test-support/auction-oracle';
import { eventually, type PlacedBid } from './bidders';
import { ledgerRows, redisState, type LedgerRow } from './ledger';

/** An auction row as Strapi's document service (or its public REST API) returns it (no generated content types here). */
interface AuctionRow {
  startsAt: string;
  /** The configured end. */
  endsAt: string;
  /** The end after soft close, as the sync and the worker's post-backs wrote it. */
  closesAt?: string | null;
  startingPrice: string | number;
  minIncrement: string | number;
  /** Private: only the document service has it. */
  reservePrice?: string | number | null;
  /** The public REST answer's stand-in for it. */
  reserveStatus?: 'none' | 'not_met' | 'met';
  softCloseSeconds: number | null;
  /** Absent before increment tables and soft-close caps: no cap. */
  softCloseCapSeconds?: number | null;
  /** Populated with its tiers by the document service; absent (or null) for the fixed minIncrement. */
  incrementTable?: { tiers?: { fromPrice: string | number; increment: string | number }[] } | null;
  /** The public REST answer's increment at the current price. */
  increment?: string | number | null;
  currentPrice: string | number | null;
  bidCount: number | null;
  leaderName: string | null;
}

/**
 * Where the audit reads an auction's rules and Strapi's fields: the document
 * service of a cms booted in this process, or the public REST API of a cms
 * running elsewhere (the supervised stack). Both hold the same row; the REST
 * answer keeps the reserve and the increment table to itself, so through it
 * only auctions with neither can be audited.
 */
export type AuctionRowSource = Core.Strapi | { cmsUrl: string };

async function auctionRow(source: AuctionRowSource, auctionId: string): Promise<AuctionRow> {
  if ('cmsUrl' in source) {
    const res = await fetch(`${source.cmsUrl}/api/auctions/${auctionId}`);
    if (!res.ok) throw new Error(`auction ${auctionId}: ${res.status}`);
    return ((await res.json()) as { data: AuctionRow }).data;
  }
  const row = await source.documents('api::auction.auction').findOne({
    documentId: auctionId,
    status: 'published',
    populate: { incrementTable: { populate: ['tiers'] } } as never,
  });
  if (!row) throw new Error(`auction ${auctionId} not found`);
  return row as unknown as AuctionRow;
}

/** The auction's rules as the cms configured them (what it writes to Redis), read from Strapi. */
export async function rulesOf(source: AuctionRowSource, auctionId: string): Promise<AuctionConfig> {
  const row = await auctionRow(source, auctionId);
  const minIncrement = Number(row.minIncrement);
  if ('cmsUrl' in source) {
    if (row.reserveStatus !== undefined && row.reserveStatus !== 'none')
      throw new Error(`auction ${auctionId} has a reserve: the public REST answer does not say it, so the audit cannot use it`);
    if (row.increment != null && Number(row.increment) !== minIncrement)
      throw new Error(`auction ${auctionId} uses an increment table: the public REST answer does not say which`);
  }
  const tiers: IncrementTier[] = (row.incrementTable?.tiers ?? []).map((t) => ({
    fromPrice: Number(t.fromPrice),
    increment: Number(t.increment),
  }));
  return {
    startsAt: Date.parse(row.startsAt),
    endsAt: Date.parse(row.endsAt),
    startingPrice: Number(row.startingPrice),
    minIncrement,
    reservePrice: row.reservePrice == null ? 0 : Number(row.reservePrice),
    softCloseMs: row.softCloseSeconds == null ? DEFAULT_SOFT_CLOSE_MS : row.softCloseSeconds * 1000,
    softCloseCapMs: (row.softCloseCapSeconds ?? 0) * 1000,
    incrementTiers: tiers.sort((a, b) => a.fromPrice - b.fromPrice),
  };
}

/** Strapi's current-bid fields, as the worker's post-backs left them. */
async function strapiFields(source: AuctionRowSource, auctionId: string) {
  const row = await auctionRow(source, auctionId);
  return {
    price: row.currentPrice == null ? null : Number(row.currentPrice),
    count: Number(row.bidCount ?? 0),
    leaderName: row.leaderName ?? null,
    closesAt: row.closesAt == null ? null : Date.parse(row.closesAt),
  };
}

const isAutomatic = (row: LedgerRow) => row.kind === 'proxy';
/** Up to `limit` disagreements, named, so a failure reads as a list rather than thousands of expects. */
const firstOf = (found: unknown[], limit = 10) => ({ count: found.length, first: found.slice(0, limit) });

/**
 * Every bid that got a 202 is in the ledger exactly once (as it was sent: amount
 * and maximum), and nothing else is but bids answered 503 (or not at all) after
 * the stream took them without confirming (their Idempotency-Key names them)
 * and the automatic bids the engine made for maximums (kind proxy, never a 202
 * bid, at most one per bid that caused it: `${bidId}:auto`). Each bid row's
 * outcome, reason, price, seq and the state it left, and each automatic row,
 * are what the oracle's replay of the bid rows says; Redis holds the oracle's
 * final state (the leader's maximum and the end included); and Strapi's
 * fields (price, count, leader, end) equal Redis's once the post-backs settle.
 */
export async function auditAuctions(source: AuctionRowSource, auctionIds: string[], placed: PlacedBid[], timeoutMs = 120_000) {
  const accepted = placed.filter((p) => p.status === 202);
  const expected = new Map<string, Set<string>>(auctionIds.map((id) => [id, new Set()]));
  for (const bid of accepted) expected.get(bid.auctionId)!.add(bid.bidId!);

  const rows = await eventually(
    'every 202 bid in the ledger',
    async () => {
      const found = await ledgerRows(auctionIds);
      const have = new Set(found.map((r) => r.bidId));
      return accepted.every((a) => have.has(a.bidId!)) ? found : undefined;
    },
    timeoutMs,
  );
  const ids = rows.map((r) => r.bidId);
  expect(new Set(ids).size).toBe(ids.length);
  const unconfirmed = new Set(placed.filter((p) => p.maybeBidId).map((p) => p.maybeBidId!));
  const acceptedIds = new Set(accepted.map((a) => a.bidId!));
  const bidRows = rows.filter((r) => !isAutomatic(r));
  const extra = bidRows.filter((r) => !acceptedIds.has(r.bidId));
  expect(extra.filter((r) => !unconfirmed.has(r.bidId))).toEqual([]);
  for (const row of extra) expected.get(row.auctionId)!.add(row.bidId);
  // Each 202'd bid is in the ledger as it was sent.
  const byId = new Map(rows.map((r) => [r.bidId, r]));
  const notAsSent = [...accepted, ...placed.filter((p) => p.maybeBidId && byId.has(p.maybeBidId))]
    .map((p) => ({ sent: p, row: byId.get(p.bidId ?? p.maybeBidId!)! }))
    .filter(({ sent, row }) => row.kind !== 'bid' || row.amount !== sent.amount || row.maxAmount !== (sent.maxAmount ?? null))
    .map(({ sent, row }) => ({
      bidId: row.bidId,
      sent: [sent.amount, sent.maxAmount ?? null],
      ledger: [row.kind, row.amount, row.maxAmount],
    }));
  expect(firstOf(notAsSent)).toEqual(firstOf([]));

  const summary: Record<string, { bids: number; accepted: number; automatic: number; price: number | null }> = {};
  for (const auctionId of auctionIds) {
    const mine = rows.filter((r) => r.auctionId === auctionId);
    const mineBids = mine.filter((r) => !isAutomatic(r));
    const mineAutomatic = mine.filter(isAutomatic);
    expect(new Set(mineBids.map((r) => r.bidId))).toEqual(expected.get(auctionId));
    const hash = parseAuctionHash(await redisState(auctionId));
    // Strapi's endsAt stays the configured end (the effective one is closesAt), and is what the cms
    // wrote to Redis: the two must agree.
    const rules = await rulesOf(source, auctionId);
    if (hash) expect({ configuredEnd: hash.config.endsAt }).toEqual({ configuredEnd: rules.endsAt });
    const truth = replayLedgerRows(rules, mine);

    const wrongBids = mineBids.flatMap((row) => {
      const want = truth.decisions.get(row.bidId);
      const got = { outcome: row.outcome, reason: row.reason ?? null, price: row.price ?? null, seq: row.seq, after: row.after ?? null };
      const should = want && { outcome: want.outcome, reason: want.reason, price: want.price, seq: want.seq, after: want.after };
      // Key order aside (the ledger keeps the engine's).
      return isDeepStrictEqual(got, should) ? [] : [{ bidId: row.bidId, offset: row.offset, ledger: got, oracle: should }];
    });
    expect(firstOf(wrongBids)).toEqual(firstOf([]));

    // The automatic rows are exactly those the oracle made, each on its cause's Kafka position.
    expect(new Set(mineAutomatic.map((r) => r.bidId))).toEqual(new Set(truth.automatic.keys()));
    const causeOf = new Map(mineBids.map((r) => [proxyRowId(r.bidId), r]));
    const wrongAutomatic = mineAutomatic.flatMap((row) => {
      const want = truth.automatic.get(row.bidId);
      const cause = causeOf.get(row.bidId);
      const got = {
        bidderId: row.bidderId,
        bidderUsername: row.bidderUsername,
        amount: row.amount,
        price: row.price,
        maxAmount: row.maxAmount,
        proxyFor: row.proxyFor,
        seq: row.seq,
        outcome: row.outcome,
        reason: row.reason ?? null,
        position: [row.partition, row.offset, new Date(row.placedAt).getTime()],
      };
      const should = want && {
        ...want,
        price: want.amount,
        outcome: 'accepted' as const,
        reason: null,
        position: cause ? [cause.partition, cause.offset, new Date(cause.placedAt).getTime()] : [],
      };
      const pick = (o: typeof got | undefined) =>
        o &&
        JSON.stringify([o.bidderId, o.bidderUsername, o.amount, o.price, o.maxAmount, o.proxyFor, o.seq, o.outcome, o.reason, o.position]);
      return pick(got) === pick(should) ? [] : [{ bidId: row.bidId, ledger: got, oracle: should }];
    });
    expect(firstOf(wrongAutomatic)).toEqual(firstOf([]));

    // Redis holds the oracle's final state; a close (not in the ledger) adds one to seq and sells or not by the reserve.
    const closedAs = hash?.state.closedAs ?? null;
    const o = truth.state;
    expect({
      price: hash?.state.currentPrice ?? null,
      leaderId: hash?.state.leaderId ?? null,
      leaderMax: hash?.state.leaderMax ?? null,
      leaderBidId: hash?.state.leaderBidId ?? null,
      bidCount: hash?.state.bidCount ?? 0,
      softCloseUntil: hash?.state.softCloseUntil ?? 0,
      effectiveEnd: hash?.effectiveEnd ?? rules.endsAt,
      seq: hash?.state.seq ?? 0,
      closedAs,
    }).toEqual({
      price: o.price,
      leaderId: o.leaderId,
      leaderMax: o.leaderMax,
      leaderBidId: o.leaderBidId,
      bidCount: o.bidCount,
      softCloseUntil: o.softCloseUntil,
      effectiveEnd: truth.effectiveEnd,
      seq: o.seq + (closedAs ? 1 : 0),
      closedAs: closedAs && (o.bidCount > 0 && o.price! >= rules.reservePrice ? 'sold' : 'unsold'),
    });
    const fromRedis = {
      price: hash?.state.currentPrice ?? null,
      count: hash?.state.bidCount ?? 0,
      leaderName: hash?.state.leaderName ?? null,
      closesAt: hash ? hash.effectiveEnd : rules.endsAt,
    };
    await eventually(
      `Strapi's fields of ${auctionId} to equal Redis`,
      async () => {
        const fields = await strapiFields(source, auctionId);
        return JSON.stringify(fields) === JSON.stringify(fromRedis) ? true : undefined;
      },
      30_000,
    ).catch(async (err) => {
      throw new Error(
        `${(err as Error).message}: Strapi ${JSON.stringify(await strapiFields(source, auctionId))}, Redis ${JSON.stringify(fromRedis)}`,
      );
    });
    summary[auctionId] = {
      bids: mineBids.length,
      accepted: [...truth.decisions.values()].filter((d) => d.outcome === 'accepted').length,
      automatic: mineAutomatic.length,
      price: o.price,
    };
  }
  return summary;
}
