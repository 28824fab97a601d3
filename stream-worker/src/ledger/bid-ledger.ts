import mongoose, { type Connection, type Model } from 'mongoose';
import { BID_LEDGER_COLLECTION, type BidLedgerRow } from '@car-auction/contracts';

/** One row per bid ever taken for processing, with the worker's decision, and one per automatic bid (contracts' BidLedgerRow). */
export type LedgerEntry = BidLedgerRow;

/** Stored with the bid id as its document id. */
type LedgerDocument = LedgerEntry & { _id: string };

const ledgerSchema = new mongoose.Schema<LedgerDocument>(
  {
    // The bid id is the document id: uniqueness comes with the primary key, and
    // FerretDB serves _id lookups from its key index.
    _id: { type: String, required: true },
    bidId: { type: String, required: true },
    auctionId: { type: String, required: true },
    kind: { type: String, enum: ['bid', 'proxy'], default: 'bid' },
    bidderId: { type: Number, required: true },
    bidderUsername: { type: String, required: true },
    amount: { type: Number, required: true },
    maxAmount: { type: Number, default: null },
    price: { type: Number, default: null },
    proxyFor: { type: String, default: null },
    placedAt: { type: Date, required: true },
    partition: { type: Number, required: true },
    offset: { type: Number, required: true },
    outcome: { type: String, required: true, enum: ['accepted', 'rejected', 'stale'] },
    reason: { type: String, default: null },
    seq: { type: Number, required: true },
    after: { type: mongoose.Schema.Types.Mixed, default: null },
    decidedAt: { type: Date, required: true },
  },
  // No implicit DDL at every start: ensureLedgerCollection creates the collection
  // and its indexes once, only when missing.
  { collection: BID_LEDGER_COLLECTION, versionKey: false, autoCreate: false, autoIndex: false },
);
// Bid history per auction, newest first; and the oracle replay in offset order.
ledgerSchema.index({ auctionId: 1, placedAt: -1 });
ledgerSchema.index({ auctionId: 1, offset: 1 });

export type LedgerModel = Model<LedgerDocument>;

/** Creates the collection and its indexes if they do not exist yet. */
export async function ensureLedgerCollection(model: LedgerModel): Promise<void> {
  const db = model.db.db;
  if (!db) throw new Error('ledger connection is not open');
  const existing = await db.listCollections({ name: model.collection.collectionName }, { nameOnly: true }).toArray();
  if (existing.length > 0) return;
  await model.createCollection();
  await model.createIndexes();
}

export function ledgerModel(connection: Connection): LedgerModel {
  return connection.model<LedgerDocument>('BidLedgerEntry', ledgerSchema);
}

const DUPLICATE_KEY = 11000;

/**
 * Appends a batch in one round trip: an unordered insertMany keyed by bid id.
 * A redelivered bid (crash before the offset commit, zombie consumer) is a
 * duplicate key and is skipped, so nothing is written twice and a row once
 * written never changes. (Upserts would do the same in MongoDB, but FerretDB 1.24
 * scans the collection for each upsert and leaks pool connections when
 * concurrent upserts collide; plain inserts avoid both.)
 */
export async function appendToLedger(model: LedgerModel, entries: LedgerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  try {
    await model.collection.insertMany(entries.map((entry): LedgerDocument => ({ _id: entry.bidId, ...entry })) as never[], {
      ordered: false,
    });
  } catch (err) {
    const writeErrors = (err as { writeErrors?: { code?: number }[] | { code?: number } }).writeErrors;
    const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
    if (list.length === 0 || list.some((e) => e.code !== DUPLICATE_KEY)) throw err;
  }
}
