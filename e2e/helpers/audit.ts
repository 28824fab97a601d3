import { expect } from '@jest/globals';
import type { Core } from '@strapi/strapi';
import { eventually, type PlacedBid } from './bidders';
import { ledgerRows, oracle, redisState, type AuctionRules } from './ledger';

export async function rulesOf(strapi: Core.Strapi, auctionId: string): Promise<AuctionRules> {
  const row: any = await strapi.documents('api::auction.auction').findOne({ documentId: auctionId, status: 'published' });
  return {
    startsAt: Date.parse(row.startsAt),
    endsAt: Date.parse(row.endsAt),
    startingPrice: Number(row.startingPrice),
    minIncrement: Number(row.minIncrement),
    softCloseMs: (row.softCloseSeconds ?? 0) * 1000,
  };
}

/**
 * Every bid that got a 202 is in the ledger exactly once (and nothing else is),
 * each recorded outcome is what the oracle says, and Redis holds the oracle's
 * final state.
 */
export async function auditAuctions(strapi: Core.Strapi, auctionIds: string[], placed: PlacedBid[], timeoutMs = 120_000) {
  const accepted = placed.filter((p) => p.status === 202);
  const expected = new Map<string, Set<string>>(auctionIds.map((id) => [id, new Set()]));
  for (const bid of accepted) expected.get(bid.auctionId)!.add(bid.bidId!);

  const rows = await eventually(
    'every 202 bid in the ledger',
    async () => {
      const found = await ledgerRows(auctionIds);
      return found.length >= accepted.length ? found : undefined;
    },
    timeoutMs,
  );
  const ids = rows.map((r) => r.bidId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBe(accepted.length);

  const summary: Record<string, { bids: number; accepted: number; price: number | null }> = {};
  for (const auctionId of auctionIds) {
    const mine = rows.filter((r) => r.auctionId === auctionId);
    expect(new Set(mine.map((r) => r.bidId))).toEqual(expected.get(auctionId));
    const truth = oracle(await rulesOf(strapi, auctionId), mine);
    for (const row of mine) {
      expect(`${row.bidId}:${row.reason ? `${row.outcome}:${row.reason}` : row.outcome}`).toBe(`${row.bidId}:${truth.outcomes.get(row.bidId)}`);
    }
    const state = await redisState(auctionId);
    expect({ price: state.currentPrice === undefined ? null : Number(state.currentPrice), leader: state.leaderId === undefined ? null : Number(state.leaderId), count: Number(state.bidCount ?? 0) })
      .toEqual({ price: truth.count > 0 ? truth.price : null, leader: truth.count > 0 ? truth.leader : null, count: truth.count });
    summary[auctionId] = { bids: mine.length, accepted: truth.count, price: truth.price };
  }
  return summary;
}
