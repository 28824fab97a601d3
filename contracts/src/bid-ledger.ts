/**
 * A row of the bid ledger (MongoDB, collection BID_LEDGER_COLLECTION): written
 * by the worker once per decided bid, plus one row per automatic bid the engine
 * made for a maximum; read by the cms (the public history) and the audits.
 * Rows are appended, never changed.
 */
export type LedgerRowKind = 'bid' | 'proxy';

/** The auction's state right after a row's decision: what a rebuild from the ledger restores. */
export interface LedgerStateAfter {
  currentPrice: number;
  leaderId: number;
  leaderName: string;
  leaderUsername: string;
  /** The leader's maximum: secret, never leaves the worker, the ledger and its owner. */
  leaderMax: number;
  leaderBidId: string;
  bidCount: number;
  softCloseUntil: number;
}

/**
 * The automatic bid a decision made for the leader standing before it (a proxy
 * bid): in the engine's answer, and as a ledger row of kind 'proxy'.
 */
export interface AutomaticBid {
  bidderId: number;
  bidderUsername: string;
  amount: number;
  /** The maximum it was made for. */
  maxAmount: number;
  /** The bid that set that maximum. */
  proxyFor: string | null;
  seq: number;
}

export interface BidLedgerRow {
  /** The bid's id; for an automatic bid, proxyRowId(the bid that caused it). */
  bidId: string;
  auctionId: string;
  kind: LedgerRowKind;
  bidderId: number;
  bidderUsername: string;
  /** What the bid asked for; for an automatic bid, the amount the engine bid. */
  amount: number;
  /** The maximum the bid carried (secret); for an automatic bid, its owner's maximum. */
  maxAmount: number | null;
  /** The price this row set (what the public history shows), or null if it set none. */
  price: number | null;
  /** For an automatic bid: the bid that set the maximum it was made for. */
  proxyFor: string | null;
  placedAt: Date;
  /** An automatic bid carries the Kafka position of the bid that caused it. */
  partition: number;
  offset: number;
  outcome: 'accepted' | 'rejected' | 'stale';
  reason: string | null;
  /** The auction's state sequence after this row. */
  seq: number;
  /** Set on a bid row whose decision changed the auction's state; null otherwise. */
  after: LedgerStateAfter | null;
  decidedAt: Date;
}

/** The id of the automatic bid a bid caused (at most one per bid), stable across redeliveries. */
export const proxyRowId = (bidId: string) => `${bidId}:auto`;

/**
 * A ledger row as stored: a field whose value is null is left out, and `after`
 * is one JSON string rather than a sub-document. FerretDB's cost per row grows
 * with its fields (its PostgreSQL form records a type per field): measured on
 * this machine, 10,100 rows/s of the full shape and 13,600 of this one. Rows written before this encoding
 * (nulls stored, `after` a sub-document) read back the same.
 */
export type StoredLedgerRow = { _id: string } & {
  [K in keyof BidLedgerRow]?: K extends 'after' ? string | LedgerStateAfter | null : BidLedgerRow[K] | null;
};

/** The document appendToLedger writes for a row (its id is the bid id). */
export function toStoredLedgerRow(row: BidLedgerRow): StoredLedgerRow {
  const stored: Record<string, unknown> = { _id: row.bidId };
  for (const [field, value] of Object.entries(row)) {
    if (value === null || value === undefined) continue;
    stored[field] = field === 'after' ? JSON.stringify(value) : value;
  }
  return stored as StoredLedgerRow;
}

/** A stored row read back as a BidLedgerRow; `kind` stays absent on a row written before maximums. */
export function fromStoredLedgerRow(doc: StoredLedgerRow): BidLedgerRow {
  const { _id, after, ...fields } = doc;
  return {
    ...fields,
    bidId: fields.bidId ?? _id,
    maxAmount: fields.maxAmount ?? null,
    price: fields.price ?? null,
    proxyFor: fields.proxyFor ?? null,
    reason: fields.reason ?? null,
    after: typeof after === 'string' ? (JSON.parse(after) as LedgerStateAfter) : (after ?? null),
  } as BidLedgerRow;
}
