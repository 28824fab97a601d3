import mongoose from 'mongoose';
import { Redis } from 'ioredis';
import {
  BID_LEDGER_COLLECTION,
  auctionStateKey,
  fromStoredLedgerRow,
  type BidLedgerRow,
  type StoredLedgerRow,
} from '@car-auction/contracts';

/** A ledger row as read back (contracts' BidLedgerRow; the rules that judge them: @car-auction/test-support/auction-oracle). */
export type LedgerRow = BidLedgerRow;

let connection: mongoose.Connection | null = null;
let redis: Redis | null = null;

/** Every row of these auctions, bid rows and automatic (kind proxy) rows alike, in offset order. */
export async function ledgerRows(auctionIds: string[]): Promise<LedgerRow[]> {
  connection ??= await mongoose.createConnection(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/car-auction').asPromise();
  const docs = await connection
    .collection<StoredLedgerRow>(BID_LEDGER_COLLECTION)
    .find({ auctionId: { $in: auctionIds } })
    .sort({ offset: 1 })
    .toArray();
  return docs.map(fromStoredLedgerRow);
}

export async function redisState(auctionId: string): Promise<Record<string, string>> {
  redis ??= new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  return redis.hgetall(auctionStateKey(auctionId));
}

export async function closeClients() {
  await connection?.close();
  connection = null;
  redis?.disconnect();
  redis = null;
}
