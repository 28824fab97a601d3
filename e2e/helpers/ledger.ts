import mongoose from 'mongoose';
import { Redis } from 'ioredis';
import { auctionStateKey } from '@car-auction/contracts';

export interface LedgerRow {
  bidId: string;
  auctionId: string;
  bidderId: number;
  amount: number;
  placedAt: Date;
  partition: number;
  offset: number;
  outcome: string;
  reason: string | null;
  seq: number;
}

let connection: mongoose.Connection | null = null;
let redis: Redis | null = null;

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

export interface AuctionRules {
  startsAt: number;
  endsAt: number;
  startingPrice: number;
  minIncrement: number;
  softCloseMs: number;
}

/**
 * An independent re-implementation of the auction rules in TypeScript: replays
 * the ledger in offset order and says what every outcome and the final state
 * must be. The worker's Lua step must agree with it.
 */
export function oracle(rules: AuctionRules, rows: LedgerRow[]) {
  let price: number | null = null;
  let leader: number | null = null;
  let count = 0;
  let end = rules.endsAt;
  const outcomes = new Map<string, string>();
  for (const row of [...rows].sort((a, b) => a.offset - b.offset)) {
    const at = new Date(row.placedAt).getTime();
    const minimum = count > 0 ? price! + rules.minIncrement : rules.startingPrice;
    let outcome: string;
    if (at < rules.startsAt) outcome = 'rejected:not_started';
    else if (at >= end) outcome = 'rejected:auction_ended';
    else if (row.amount < minimum) outcome = 'rejected:below_minimum';
    else {
      outcome = 'accepted';
      price = row.amount;
      leader = row.bidderId;
      count += 1;
      if (rules.softCloseMs > 0 && at + rules.softCloseMs > end) end = at + rules.softCloseMs;
    }
    outcomes.set(row.bidId, outcome);
  }
  return { price, leader, count, end, outcomes };
}
