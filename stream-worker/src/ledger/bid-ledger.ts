import mongoose, { type Connection, type Model } from 'mongoose';
import { insertIfAbsent } from '@car-auction/service-support';
import { BID_LEDGER_COLLECTION, toStoredLedgerRow, type BidLedgerRow, type StoredLedgerRow } from '@car-auction/contracts';

/** One row per bid ever taken for processing, with the worker's decision, and one per automatic bid (contracts' BidLedgerRow). */
export type LedgerEntry = BidLedgerRow;

/** Stored with the bid id as its document id, nulls left out (contracts' toStoredLedgerRow; read back with fromStoredLedgerRow). */
type LedgerDocument = StoredLedgerRow;

const ledgerSchema = new mongoose.Schema<LedgerDocument>(
  {
    // The bid id is the document id: uniqueness comes with the primary key, and
    // FerretDB serves _id lookups from its key index.
    _id: { type: String, required: true },
    bidId: { type: String, required: true },
    auctionId: { type: String, required: true },
    kind: { type: String, enum: ['bid', 'proxy'] },
    bidderId: { type: Number, required: true },
    bidderUsername: { type: String, required: true },
    amount: { type: Number, required: true },
    maxAmount: { type: Number },
    price: { type: Number },
    proxyFor: { type: String },
    placedAt: { type: Date, required: true },
    partition: { type: Number, required: true },
    offset: { type: Number, required: true },
    outcome: { type: String, required: true, enum: ['accepted', 'rejected', 'stale'] },
    reason: { type: String },
    seq: { type: Number, required: true },
    // The engine's JSON of the state the row left (a sub-document in rows written before 2026-12-02).
    after: { type: mongoose.Schema.Types.Mixed },
    decidedAt: { type: Date, required: true },
  },
  // No implicit DDL at every start: ensureLedgerCollection creates the collection
  // and its indexes once, only when missing.
  { collection: BID_LEDGER_COLLECTION, versionKey: false, autoCreate: false, autoIndex: false },
);
// The bid history per auction (by offset, newest first), the rebuild and the audits (in offset order).
ledgerSchema.index({ auctionId: 1, offset: 1 });
/** Indexes no reader uses any more: each insert paid for them (9,000 rows/s with this one, 10,100 without). */
const OBSOLETE_INDEXES = ['auctionId_1_placedAt_-1'];

export type LedgerModel = Model<LedgerDocument>;

const INDEX_NOT_FOUND = 27;
const ignoreCode = (code: number) => (err: { code?: number }) => {
  if (err.code !== code) throw err;
};

/** Creates the collection and its indexes if they do not exist yet, and drops obsolete indexes. */
export async function ensureLedgerCollection(model: LedgerModel): Promise<void> {
  const db = model.db.db;
  if (!db) throw new Error('ledger connection is not open');
  const existing = await db.listCollections({ name: model.collection.collectionName }, { nameOnly: true }).toArray();
  if (existing.length === 0) {
    await model.createCollection();
    await model.createIndexes();
    return;
  }
  const names = new Set((await model.collection.indexes()).map((index) => index.name));
  for (const name of OBSOLETE_INDEXES) {
    // Another worker starting at the same time may have dropped it first.
    if (names.has(name)) await model.collection.dropIndex(name).catch(ignoreCode(INDEX_NOT_FOUND));
  }
}

export function ledgerModel(connection: Connection): LedgerModel {
  return connection.model<LedgerDocument>('BidLedgerEntry', ledgerSchema);
}

/**
 * Appends a batch in one round trip, keyed by bid id. A redelivered bid
 * (crash before the offset commit, zombie consumer) is already there and is
 * skipped, so nothing is written twice and a row once written never changes.
 */
export async function appendToLedger(model: LedgerModel, entries: LedgerEntry[]): Promise<void> {
  await insertIfAbsent(model.collection, entries.map(toStoredLedgerRow));
}
