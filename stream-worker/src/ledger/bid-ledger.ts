import mongoose, { type Connection, type Model } from 'mongoose';

/** One row per bid ever accepted for processing, with the worker's decision. */
export interface LedgerEntry {
  bidId: string;
  auctionId: string;
  bidderId: number;
  bidderUsername: string;
  amount: number;
  placedAt: Date;
  partition: number;
  offset: number;
  outcome: 'accepted' | 'rejected' | 'stale';
  reason: string | null;
  /** The auction's state sequence after this bid. */
  seq: number;
  decidedAt: Date;
}

const ledgerSchema = new mongoose.Schema<LedgerEntry>(
  {
    bidId: { type: String, required: true, unique: true },
    auctionId: { type: String, required: true },
    bidderId: { type: Number, required: true },
    bidderUsername: { type: String, required: true },
    amount: { type: Number, required: true },
    placedAt: { type: Date, required: true },
    partition: { type: Number, required: true },
    offset: { type: Number, required: true },
    outcome: { type: String, required: true, enum: ['accepted', 'rejected', 'stale'] },
    reason: { type: String, default: null },
    seq: { type: Number, required: true },
    decidedAt: { type: Date, required: true },
  },
  { collection: 'bid_ledger', versionKey: false },
);
// Bid history per auction, newest first; and the oracle replay in offset order.
ledgerSchema.index({ auctionId: 1, placedAt: -1 });
ledgerSchema.index({ auctionId: 1, offset: 1 });

export type LedgerModel = Model<LedgerEntry>;

export function ledgerModel(connection: Connection): LedgerModel {
  return connection.model<LedgerEntry>('BidLedgerEntry', ledgerSchema);
}

/**
 * Appends a batch in one round trip. Upserts keyed by bidId with $setOnInsert:
 * a redelivered batch (crash before the offset commit) writes nothing twice and
 * never changes a row already written.
 */
export async function appendToLedger(model: LedgerModel, entries: LedgerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await model.bulkWrite(
    entries.map((entry) => ({
      updateOne: { filter: { bidId: entry.bidId }, update: { $setOnInsert: entry }, upsert: true },
    })),
    { ordered: false },
  );
}
