import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { centsFromDb } from '../bids/cents';
import { getService } from '../utils/get-service';
import { comparable, fieldError, relationTarget, same, type Row } from './field-values';
import { fromPeople } from './system-writes';

const AUCTION_UID = 'api::auction.auction';

/**
 * The fields the bidding engine owns: the worker's post-backs write them (with a
 * database query, not through the document service), and the cms's sync writes
 * closesAt. No request through the document service (the Content Manager, the
 * content API) may change them.
 */
export const WORKER_OWNED_FIELDS = [
  'currentPrice',
  'leaderName',
  'leaderUserId',
  'bidCount',
  'saleStatus',
  'projectionVersion',
  'closesAt',
] as const;

/**
 * The fields an admin's actions set ("end now", "withdraw": src/plugins/auction-admin), with a
 * database query, never through a form: read-only in the panel, refused from any request.
 */
export const ADMIN_ACTION_FIELDS = ['endedEarlyAt', 'withdrawnAt', 'withdrawReason'] as const;

/** What a new auction's worker-owned fields hold before the engine has seen it (an editor's form sends these). */
const NEW_AUCTION_VALUES: Record<string, unknown> = { bidCount: 0, saleStatus: 'scheduled' };

/** The worker-owned fields of a new auction, as a clone must start them (not copied from the original). */
const FRESH_ENGINE_FIELDS: Record<string, unknown> = Object.fromEntries(
  [...WORKER_OWNED_FIELDS, ...ADMIN_ACTION_FIELDS].map((field) => [field, NEW_AUCTION_VALUES[field] ?? null]),
);

/** Derived by the cms itself at every sync (the end in force): a form's copy of it is dropped, never refused. */
const DERIVED_FIELDS = new Set(['closesAt']);

/** The fields that may not change once bidding has started (the end may still move earlier). */
const FIXED_ONCE_BID = ['startsAt', 'startingPrice', 'minIncrement', 'reservePrice', 'currency', 'incrementTable'] as const;

const FIELD_LABELS: Record<string, string> = {
  startsAt: 'The start',
  endsAt: 'The end',
  startingPrice: 'The starting price',
  minIncrement: 'The bid increment',
  reservePrice: 'The reserve price',
  currency: 'The currency',
  incrementTable: 'The increment table',
  currentPrice: 'The current price',
  leaderName: 'The leader',
  leaderUserId: "The leader's user id",
  bidCount: 'The bid count',
  saleStatus: 'The sale status',
  projectionVersion: 'The projection version',
  closesAt: 'The effective end',
  endedEarlyAt: 'When it was ended early',
  withdrawnAt: 'When it was withdrawn',
  withdrawReason: 'The reason for withdrawing it',
};

/**
 * The rules an auction's edit must follow, as messages an editor reads under the
 * field: the end after the start, a reserve at or above the starting price, and
 * once bidding has started, the start and the prices fixed and the end only
 * earlier. `stored` is the row being changed (null for a new auction).
 */
export function auctionEditProblems(
  data: Row,
  stored: Row | null,
  storedTable: string | null,
  bidCount: number | null,
): errors.ValidationError | null {
  const value = (field: string) => (field in data ? data[field] : stored?.[field]);
  const startsAt = comparable(value('startsAt'));
  const endsAt = comparable(value('endsAt'));
  if (typeof startsAt === 'number' && typeof endsAt === 'number' && endsAt <= startsAt) {
    return fieldError('endsAt', 'The end must be after the start.');
  }
  // Money fields have no `min` in the schema: the panel would show its "min. 1" (a cent) as the hint.
  for (const field of ['startingPrice', 'minIncrement', 'reservePrice'] as const) {
    const cents = centsOrNull(value(field));
    if (cents !== null && cents < 1) return fieldError(field, `${FIELD_LABELS[field]} must be above zero.`);
  }
  const starting = centsOrNull(value('startingPrice'));
  const reserve = centsOrNull(value('reservePrice'));
  if (starting !== null && reserve !== null && reserve < starting) {
    return fieldError('reservePrice', 'The reserve price must be at or above the starting price.');
  }
  if (stored && bidCount !== 0) {
    for (const field of FIXED_ONCE_BID) {
      if (!(field in data)) continue;
      const changed = field === 'incrementTable' ? relationTarget(data[field], storedTable) !== null : !same(data[field], stored[field]);
      // Whether it has bids cannot be told now (Redis unreadable, no post-back yet): refuse rather than guess.
      if (changed && bidCount === null) {
        return fieldError(
          field,
          `${FIELD_LABELS[field]} cannot be changed now: whether this auction has bids cannot be checked. Try again shortly.`,
        );
      }
      if (changed) {
        return fieldError(
          field,
          `${FIELD_LABELS[field]} can no longer change: this auction has ${bidCount} bid${bidCount === 1 ? '' : 's'}. You can still end it early or withdraw it.`,
        );
      }
    }
    const storedEnd = comparable(stored.endsAt);
    if (bidCount !== null && 'endsAt' in data && typeof endsAt === 'number' && typeof storedEnd === 'number' && endsAt > storedEnd) {
      return fieldError('endsAt', `The end can only move earlier now: this auction has ${bidCount} bid${bidCount === 1 ? '' : 's'}.`);
    }
  }
  return null;
}

function centsOrNull(value: unknown): number | null {
  try {
    return centsFromDb(value);
  } catch {
    return null;
  }
}

/**
 * Takes the worker-owned fields out of a request's data. A value equal to the
 * stored one changes nothing; so does one from a form loaded before the engine
 * last wrote (its projectionVersion older than the stored one): the fields are
 * read-only in the panel, so the editor did not type it. Anything else is a
 * change only the engine may make: refused.
 */
export function stripWorkerOwned(data: Row, stored: Row | null): errors.ValidationError | null {
  const storedVersion = comparable(stored?.projectionVersion);
  const formVersion = comparable(data.projectionVersion);
  const staleForm =
    stored !== null &&
    'projectionVersion' in data &&
    typeof storedVersion === 'number' &&
    (formVersion === null || (typeof formVersion === 'number' && formVersion < storedVersion));
  for (const field of WORKER_OWNED_FIELDS) {
    if (!(field in data)) continue;
    if (DERIVED_FIELDS.has(field)) {
      delete data[field];
      continue;
    }
    const unchanged = stored ? same(data[field], stored[field]) : same(data[field], NEW_AUCTION_VALUES[field] ?? null);
    if (!unchanged && !staleForm) {
      return fieldError(field, `${FIELD_LABELS[field]} is set by the bidding engine and cannot be edited.`);
    }
    delete data[field];
  }
  for (const field of ADMIN_ACTION_FIELDS) {
    if (!(field in data)) continue;
    if (!same(data[field] ?? null, stored?.[field] ?? null)) {
      return fieldError(
        field,
        `${FIELD_LABELS[field]} is set only by the "End now" and "Withdraw" actions${stored?.[field] ? ' (reload the page to see it)' : ''}.`,
      );
    }
    delete data[field];
  }
  return null;
}

/** The draft row an edit changes, or the published one of a document with no draft, with its increment table's id. */
async function storedRow(strapi: Core.Strapi, documentId: string): Promise<{ row: Row | null; table: string | null }> {
  const rows = (await strapi.db.query(AUCTION_UID).findMany({
    where: { documentId },
    populate: { incrementTable: { select: ['documentId'] } },
  })) as Array<Row & { publishedAt?: unknown; incrementTable?: { documentId: string } | null }>;
  const row = rows.find((r) => r.publishedAt === null) ?? rows[0] ?? null;
  return { row, table: row?.incrementTable?.documentId ?? null };
}

/**
 * Bids the auction has: the larger of the engine's count in Redis and the last
 * post-back's; null when the post-back says none and Redis cannot be read (the
 * engine may have decided bids the cms has not heard of).
 */
export async function bidCountOf(strapi: Core.Strapi, documentId: string, stored: Row | null): Promise<number | null> {
  const projected = Number(stored?.bidCount ?? 0) || 0;
  // Before its start an auction cannot have bids: no need to ask Redis.
  const startsAt = comparable(stored?.startsAt);
  if (projected === 0 && typeof startsAt === 'number' && startsAt > Date.now()) return 0;
  const live = await getService(strapi, 'api::auction.auction-state')
    .snapshotForBid(documentId)
    .then((snapshot) => snapshot?.bidCount ?? 0)
    .catch(() => null);
  if (live === null) return projected > 0 ? projected : null;
  return Math.max(projected, live);
}

/**
 * Auctions, written through the document service: every writer (the panel, the
 * content API, code) gets the edit rules above; a request (anything but the
 * cms's own code, such as the seed) also may not touch the worker-owned fields.
 * A refusal is a ValidationError, a 400 before anything is stored.
 */
export const auctionEditRules =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (context.uid !== AUCTION_UID || !['create', 'update', 'publish', 'clone'].includes(context.action)) return next();
    const params = (context.params ?? {}) as { documentId?: string; data?: Row };
    const fromRequest = fromPeople(strapi);

    if (context.action === 'clone') {
      // A copy is a new auction: the original's bids, price, leader and version stay with the original.
      // The panel's duplicate form carries the original's (read-only) values: reset, not refused.
      const data = { ...(params.data ?? {}), ...FRESH_ENGINE_FIELDS };
      const problem = auctionEditProblems(data, null, null, 0);
      if (problem) throw problem;
      (context.params as { data?: Row }).data = data;
      return next();
    }
    const { row: stored, table } = params.documentId ? await storedRow(strapi, params.documentId) : { row: null, table: null };
    // Unknown (Redis away): people are refused a change to the fixed fields until it can be told; the cms's own code is trusted.
    const counted = params.documentId ? await bidCountOf(strapi, params.documentId, stored) : 0;
    const bids = counted === null && !fromRequest ? 0 : counted;

    if (context.action === 'publish') {
      // Publishing makes the draft the auction bidders see: once bidding has started its locked fields must match.
      const published = params.documentId
        ? ((await strapi.db.query(AUCTION_UID).findOne({
            where: { documentId: params.documentId, publishedAt: { $notNull: true } },
            populate: { incrementTable: { select: ['documentId'] } },
          })) as (Row & { incrementTable?: { documentId: string } | null }) | null)
        : null;
      if (stored && published) {
        const problem = auctionEditProblems(
          { ...Object.fromEntries(FIXED_ONCE_BID.filter((f) => f !== 'incrementTable').map((f) => [f, stored[f]])), endsAt: stored.endsAt },
          published,
          published.incrementTable?.documentId ?? null,
          bids,
        );
        if (problem) throw problem;
        if (bids !== 0 && table !== (published.incrementTable?.documentId ?? null)) {
          throw fieldError('incrementTable', `${FIELD_LABELS.incrementTable} can no longer change: this auction has bids.`);
        }
      }
      return next();
    }

    const data = params.data ?? {};
    if (fromRequest) {
      const refused = stripWorkerOwned(data, context.action === 'create' ? null : stored);
      if (refused) throw refused;
    }
    const problem = auctionEditProblems(data, context.action === 'create' ? null : stored, table, bids);
    if (problem) throw problem;
    return next();
  };
