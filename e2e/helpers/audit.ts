import { expect } from '@jest/globals';
import type { Core } from '@strapi/strapi';
import { eventually, type PlacedBid } from './bidders';
import { ledgerRows, oracle, redisState, type AuctionRules } from './ledger';

/** An auction row as Strapi's document service returns it (no generated content types here). */
interface AuctionRow {
  startsAt: string;
  endsAt: string;
  startingPrice: string | number;
  minIncrement: string | number;
  softCloseSeconds: number | null;
  currentPrice: string | number | null;
  bidCount: number | null;
  leaderName: string | null;
}

/**
 * Where the audit reads an auction's rules and Strapi's fields: the document
 * service of a cms booted in this process, or the public REST API of a cms
 * running elsewhere (the supervised stack). Both hold the same row.
 */
export type AuctionRowSource = Core.Strapi | { cmsUrl: string };

async function auctionRow(source: AuctionRowSource, auctionId: string): Promise<AuctionRow> {
  if ('cmsUrl' in source) {
    const res = await fetch(`${source.cmsUrl}/api/auctions/${auctionId}`);
    if (!res.ok) throw new Error(`auction ${auctionId}: ${res.status}`);
    return ((await res.json()) as { data: AuctionRow }).data;
  }
  const row = await source.documents('api::auction.auction').findOne({ documentId: auctionId, status: 'published' });
  if (!row) throw new Error(`auction ${auctionId} not found`);
  return row as unknown as AuctionRow;
}

export async function rulesOf(source: AuctionRowSource, auctionId: string): Promise<AuctionRules> {
  const row = await auctionRow(source, auctionId);
  return {
    startsAt: Date.parse(row.startsAt),
    endsAt: Date.parse(row.endsAt),
    startingPrice: Number(row.startingPrice),
    minIncrement: Number(row.minIncrement),
    softCloseMs: (row.softCloseSeconds ?? 0) * 1000,
  };
}

/** Strapi's current-bid fields, as the worker's post-backs left them. */
async function strapiFields(source: AuctionRowSource, auctionId: string) {
  const row = await auctionRow(source, auctionId);
  return {
    price: row.currentPrice == null ? null : Number(row.currentPrice),
    count: Number(row.bidCount ?? 0),
    leaderName: row.leaderName ?? null,
  };
}

/**
 * Every bid that got a 202 is in the ledger exactly once, and nothing else is
 * but bids answered 503 after the stream took them without confirming (their
 * Idempotency-Key names them); each recorded outcome is what the oracle says,
 * Redis holds the oracle's final state, and Strapi's fields equal Redis's once
 * the post-backs settle.
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
  const extra = rows.filter((r) => !acceptedIds.has(r.bidId));
  expect(extra.filter((r) => !unconfirmed.has(r.bidId))).toEqual([]);
  for (const row of extra) expected.get(row.auctionId)!.add(row.bidId);

  const summary: Record<string, { bids: number; accepted: number; price: number | null }> = {};
  for (const auctionId of auctionIds) {
    const mine = rows.filter((r) => r.auctionId === auctionId);
    expect(new Set(mine.map((r) => r.bidId))).toEqual(expected.get(auctionId));
    const truth = oracle(await rulesOf(source, auctionId), mine);
    for (const row of mine) {
      expect(`${row.bidId}:${row.reason ? `${row.outcome}:${row.reason}` : row.outcome}`).toBe(
        `${row.bidId}:${truth.outcomes.get(row.bidId)}`,
      );
    }
    const state = await redisState(auctionId);
    expect({
      price: state.currentPrice === undefined ? null : Number(state.currentPrice),
      leader: state.leaderId === undefined ? null : Number(state.leaderId),
      count: Number(state.bidCount ?? 0),
    }).toEqual({ price: truth.count > 0 ? truth.price : null, leader: truth.count > 0 ? truth.leader : null, count: truth.count });
    const fromRedis = {
      price: truth.count > 0 ? truth.price : null,
      count: truth.count,
      leaderName: state.leaderName && truth.count > 0 ? state.leaderName : null,
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
    summary[auctionId] = { bids: mine.length, accepted: truth.count, price: truth.price };
  }
  return summary;
}
