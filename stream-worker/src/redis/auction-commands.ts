import fs from 'node:fs';
import path from 'node:path';
import type { Redis, Result } from 'ioredis';
import {
  AUCTION_STATE_EPOCH_KEY,
  AUCTIONS_BY_END_KEY,
  AUCTIONS_UNPROJECTED_KEY,
  auctionOutcomesKey,
  auctionStateKey,
  type BidRejectionReason,
} from '@car-auction/contracts';

const lua = (name: string) => fs.readFileSync(path.join(__dirname, '..', '..', 'lua', `${name}.lua`), 'utf8');

declare module 'ioredis' {
  interface RedisCommander<Context> {
    decideBid(
      stateKey: string,
      outcomesKey: string,
      byEndKey: string,
      epochKey: string,
      unprojectedKey: string,
      bidId: string,
      partition: number,
      offset: string,
      bidderId: number,
      maskedName: string,
      amount: number,
      placedAt: number,
      auctionId: string,
      restoredOutcome?: string,
      restoredReason?: string,
      restoredSeq?: number,
    ): Result<string, Context>;
    closeAuction(
      stateKey: string,
      byEndKey: string,
      epochKey: string,
      unprojectedKey: string,
      auctionId: string,
      endedBy: number,
    ): Result<string, Context>;
    ackProjection(stateKey: string, unprojectedKey: string, auctionId: string, version: number): Result<number, Context>;
  }
}

/** Registers the Lua steps on a connection (EVALSHA, falling back to EVAL once per connection). */
export function defineAuctionCommands(redis: Redis): Redis {
  redis.defineCommand('decideBid', { numberOfKeys: 5, lua: lua('decide-bid') });
  redis.defineCommand('closeAuction', { numberOfKeys: 4, lua: lua('close-auction') });
  redis.defineCommand('ackProjection', { numberOfKeys: 2, lua: lua('ack-projection') });
  return redis;
}

export interface DecidedBid {
  bidId: string;
  outcome: 'accepted' | 'rejected' | 'stale';
  reason: BidRejectionReason | null;
  seq: number;
  currentPrice: number | null;
  leaderId: number | null;
  leaderName: string | null;
  bidCount: number;
  endsAt: number;
  minimumNextBid: number;
  reserveMet: boolean;
  previousLeaderId: number | null;
  /** True when this bid had been decided before (redelivery). */
  replayed?: boolean;
}

export interface BidToDecide {
  bidId: string;
  auctionId: string;
  partition: number;
  offset: string;
  bidderId: number;
  maskedName: string;
  amount: number;
  placedAt: number;
}

export const decideBidArgs = (bid: BidToDecide) =>
  [
    auctionStateKey(bid.auctionId),
    auctionOutcomesKey(bid.auctionId),
    AUCTIONS_BY_END_KEY,
    AUCTION_STATE_EPOCH_KEY,
    AUCTIONS_UNPROJECTED_KEY,
    bid.bidId,
    bid.partition,
    bid.offset,
    bid.bidderId,
    bid.maskedName,
    bid.amount,
    bid.placedAt,
    bid.auctionId,
  ] as const;

/** A ledger row applied as it was decided, while the state is rebuilt (see rebuild-from-ledger.ts). */
export const restoreBidArgs = (bid: BidToDecide, recorded: { outcome: 'accepted' | 'rejected'; reason: string | null; seq: number }) =>
  [...decideBidArgs(bid), recorded.outcome, recorded.reason ?? '', recorded.seq] as const;

/** Redis's answer when the state has lost its epoch: nothing may be decided until it is rebuilt. */
export const isStateLost = (err: unknown) => err instanceof Error && err.message.startsWith('STATE_LOST');

export type ClosedAuction =
  | {
      closed: true;
      status: 'sold' | 'unsold';
      seq: number;
      finalPrice: number | null;
      leaderName: string | null;
      bidCount: number;
      endsAt: number;
    }
  | { closed: false; why: 'unknown_auction' | 'already_closed' | 'extended' | 'state_lost'; endsAt?: number };

export async function closeAuction(redis: Redis, auctionId: string, endedBy: number): Promise<ClosedAuction> {
  return JSON.parse(
    await redis.closeAuction(
      auctionStateKey(auctionId),
      AUCTIONS_BY_END_KEY,
      AUCTION_STATE_EPOCH_KEY,
      AUCTIONS_UNPROJECTED_KEY,
      auctionId,
      endedBy,
    ),
  );
}

/** The cms holds the auction's state at `version`: no re-post owed unless the state moved on. */
export async function ackProjection(redis: Redis, auctionId: string, version: number): Promise<void> {
  await redis.ackProjection(auctionStateKey(auctionId), AUCTIONS_UNPROJECTED_KEY, auctionId, version);
}
