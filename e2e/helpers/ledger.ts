import mongoose from 'mongoose';
import { Redis } from 'ioredis';
import { auctionStateKey, type BidLedgerRow } from '@car-auction/contracts';

/** A ledger row as read back (contracts' BidLedgerRow; the rules that judge them: @car-auction/test-support/auction-oracle). */
export type LedgerRow = BidLedgerRow;

let connection: mongoose.Connection | null = null;
let redis: Redis | null = null;

/** Every row of these auctions, bid rows and automatic (kind proxy) rows alike, in offset order. */
export async function ledgerRows(auctionIds: string[]): Promise<LedgerRow[]> {
  connection ??= await mongoose.createConnection(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/car-auction').asPromise();
  return connection
    .collection('bid_ledger')
    .find({ auctionId: { $in: auctionIds } }, { projection: { _id: 0 } })
    .sort({ offset: 1 })
    .toArray() as unknown as Promise<LedgerRow[]>;
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
