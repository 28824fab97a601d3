import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { incrementTiersSchema, type IncrementTier } from '@car-auction/contracts';
import { resyncAuctions } from './auction-config-sync';
import { centsFromDb } from '../bids/cents';

export const INCREMENT_TABLE_UID = 'api::increment-table.increment-table';

/** Actions that write a table's tiers (a clone may give new ones). */
const WRITES = new Set(['create', 'update', 'clone']);
/** Actions after which the auctions using a table must get its tiers again (none after a delete). */
const CHANGES = new Set(['update', 'delete']);

/** Biginteger fields arrive as strings from the admin panel and as numbers from code: both are cents. */
const numberOf = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
const isWholeCents = (value: unknown, least: number) => typeof value === 'number' && Number.isSafeInteger(value) && value >= least;

/**
 * Why these tiers are not a table the auction library can use, or null: each
 * tier whole cents (from 0 or more, increments of 1 or more), then contracts'
 * incrementTiersSchema (at least one tier, the first from 0, prices strictly
 * rising), whose messages are given as they are.
 */
export function incrementTiersProblem(tiers: unknown): string | null {
  if (tiers !== undefined && tiers !== null && !Array.isArray(tiers)) return 'tiers must be a list';
  const candidate = ((tiers ?? []) as Array<Record<string, unknown> | null>).map((tier) => ({
    fromPrice: numberOf(tier?.fromPrice),
    increment: numberOf(tier?.increment),
  }));
  for (const [i, tier] of candidate.entries()) {
    if (!isWholeCents(tier.fromPrice, 0)) return `tier ${i + 1}: fromPrice must be a whole number of cents, 0 or more`;
    if (!isWholeCents(tier.increment, 1)) return `tier ${i + 1}: increment must be a whole number of cents, 1 or more`;
  }
  const parsed = incrementTiersSchema.safeParse(candidate);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  const [index, field] = issue.path;
  return typeof index === 'number' && typeof field === 'string' ? `tier ${index + 1}, ${field}: ${issue.message}` : issue.message;
}

/** A table as the document service returns it, its tiers populated (biginteger as strings). */
export interface IncrementTableRow {
  tiers?: Array<{ fromPrice: unknown; increment: unknown }> | null;
}

/** A table's tiers as cents, rising by price; none (the fixed increment) without a table. */
export function tiersOf(table: IncrementTableRow | null | undefined): IncrementTier[] {
  return (table?.tiers ?? [])
    .map((tier) => ({ fromPrice: centsFromDb(tier.fromPrice) ?? 0, increment: centsFromDb(tier.increment) ?? 1 }))
    .sort((a, b) => a.fromPrice - b.fromPrice);
}

/** The published auctions that use this table. */
async function auctionsUsing(strapi: Core.Strapi, tableId: string): Promise<string[]> {
  const ids: string[] = [];
  const pageSize = 200;
  for (let start = 0; ; start += pageSize) {
    const rows = await strapi.documents('api::auction.auction').findMany({
      status: 'published',
      filters: { incrementTable: { documentId: tableId } } as never,
      fields: ['documentId'] as never,
      start,
      limit: pageSize,
    });
    ids.push(...rows.map((row) => row.documentId));
    if (rows.length < pageSize) return ids;
  }
}

/**
 * Increment tables, whoever writes them (the Content Manager, code): a table the
 * library cannot use is refused with a ValidationError (a 400 naming what is
 * wrong) before anything is stored; after an edit or a delete, every published
 * auction that used the table gets its configuration in Redis written again
 * (a deleted table leaves them on their fixed minIncrement).
 */
export const incrementTableRules =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (context.uid !== INCREMENT_TABLE_UID) return next();
    const params = (context.params ?? {}) as { documentId?: string; data?: Record<string, unknown> };
    // A create must bring its tiers; an update or clone is checked when it changes them.
    if (WRITES.has(context.action) && (context.action === 'create' || (params.data !== undefined && 'tiers' in params.data))) {
      const problem = incrementTiersProblem(params.data?.tiers);
      if (problem) throw new errors.ValidationError(`Invalid increment table: ${problem}`, { path: ['tiers'] });
    }
    // Looked up before a delete, which drops the auctions' links to the table.
    const affected = CHANGES.has(context.action) && params.documentId ? await auctionsUsing(strapi, params.documentId) : [];
    const result = await next();
    await resyncAuctions(strapi, affected);
    return result;
  };
