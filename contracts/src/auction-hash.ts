import { decodeIncrementTiers, type IncrementTier } from './increments';

/**
 * The layout of an auction's Redis hash (`auctionStateKey(id)`), stated once.
 * Three writers, one hash: the cms writes the configuration (through the
 * library's `auction_sync_config`), the worker's steps write the state, and
 * every step that changes either stores what the rules make of them (the
 * derived fields) so readers never recompute a rule. The Redis Functions
 * library (service-support/lua/auction.lua) necessarily spells these names
 * too; a test checks that it writes exactly these.
 */

/** Written by the cms: the auction as configured. */
export const AUCTION_CONFIG_FIELDS = [
  'startsAt',
  'endsAt',
  'startingPrice',
  'minIncrement',
  'reservePrice',
  'softCloseMs',
  'softCloseCapMs',
  'increments',
  'withdrawn',
  'hardEndAt',
] as const;

/** Written by the worker's steps only. */
export const AUCTION_STATE_FIELDS = [
  'seq',
  'currentPrice',
  'leaderId',
  'leaderName',
  'leaderUsername',
  'leaderMax',
  'leaderBidId',
  'bidCount',
  'softCloseUntil',
  'lastPartition',
  'lastOffset',
  'closedAs',
] as const;

/**
 * Computed by the library's rules from the two above and stored by every step
 * that changes them: the effective end (soft close included), the minimum
 * next bid and the increment at the current price. The cms's bid pre-check and the worker's reads take them as stored.
 */
export const AUCTION_DERIVED_FIELDS = ['effectiveEnd', 'minNextBid', 'increment'] as const;

export const AUCTION_HASH_FIELDS = [...AUCTION_CONFIG_FIELDS, ...AUCTION_STATE_FIELDS, ...AUCTION_DERIVED_FIELDS] as const;
export type AuctionHashField = (typeof AUCTION_HASH_FIELDS)[number];

/** An auction's configuration as the cms owns it (money in cents, times in epoch ms), as auction_sync_config takes it. */
export interface AuctionConfig {
  startsAt: number;
  /** The configured end, before any soft-close extension. */
  endsAt: number;
  startingPrice: number;
  minIncrement: number;
  /** 0 when the auction has no reserve. */
  reservePrice: number;
  softCloseMs: number;
  /** The most soft close may add to the configured end, in total; 0 for no cap. */
  softCloseCapMs: number;
  /** The increment table by price; empty for the fixed `minIncrement`. */
  incrementTiers: IncrementTier[];
  /** Withdrawn by an admin (bids are refused; it never closes). Absent: not withdrawn. */
  withdrawn?: boolean;
  /** When an admin ended it ("end now", epoch ms): the end in force is never later, and soft close stops. Absent or 0: not ended early. */
  hardEndAt?: number;
}

/** The configuration as the hash holds it: also whether the auction was withdrawn (by an admin, or unpublished: auction_withdraw). */
export interface AuctionHashConfig extends AuctionConfig {
  withdrawn: boolean;
  hardEndAt: number;
}

export interface AuctionHashState {
  seq: number;
  /** Null until a bid was accepted. */
  currentPrice: number | null;
  leaderId: number | null;
  leaderName: string | null;
  /** Unmasked, for the ledger's automatic-bid rows; never shown. */
  leaderUsername: string | null;
  /** The leader's maximum (secret to the leader); the price itself for a plain bid. */
  leaderMax: number | null;
  /** The bid that set the leader's maximum: automatic bids are linked to it. */
  leaderBidId: string | null;
  bidCount: number;
  /** 0 unless soft close extended the end. */
  softCloseUntil: number;
  lastPartition: number | null;
  lastOffset: number | null;
  closedAs: 'sold' | 'unsold' | null;
}

export interface AuctionHash {
  config: AuctionHashConfig;
  state: AuctionHashState;
  /** The end after soft close, as the rules computed it (epoch ms). */
  effectiveEnd: number;
  /** The smallest amount the next bid may have, as the rules computed it. */
  minNextBid: number;
  /** The increment at the current price, as the rules computed it. */
  increment: number;
}

/** The hash holds a configuration but not one this layout can read (a field missing or not a number). */
export class AuctionHashError extends Error {}

/**
 * Parses an auction hash (HGETALL's reply). Null when it holds no
 * configuration (never synced, or flushed: only the worker's bookkeeping may be
 * there). Throws AuctionHashError when a configured hash lacks a field it must
 * have (the derived fields included) or holds one that is not a number.
 */
export function parseAuctionHash(record: Record<string, string>): AuctionHash | null {
  if (record.startsAt === undefined || record.startsAt === '') return null;
  const required = (field: AuctionHashField): number => {
    const raw = record[field];
    const value = raw === undefined || raw === '' ? NaN : Number(raw);
    if (!Number.isFinite(value))
      throw new AuctionHashError(`auction hash: ${field} is ${raw === undefined ? 'missing' : `not a number (${raw})`}`);
    return value;
  };
  const optional = (field: AuctionHashField): number | null =>
    record[field] === undefined || record[field] === '' ? null : required(field);
  const text = (raw: string | undefined) => (raw === undefined || raw === '' ? null : raw);
  const closedAs = record.closedAs ?? '';
  if (closedAs !== '' && closedAs !== 'sold' && closedAs !== 'unsold') throw new AuctionHashError(`auction hash: closedAs is ${closedAs}`);
  return {
    config: {
      startsAt: required('startsAt'),
      endsAt: required('endsAt'),
      startingPrice: required('startingPrice'),
      minIncrement: required('minIncrement'),
      reservePrice: optional('reservePrice') ?? 0,
      softCloseMs: optional('softCloseMs') ?? 0,
      softCloseCapMs: optional('softCloseCapMs') ?? 0,
      incrementTiers: decodeIncrementTiers(record.increments),
      withdrawn: record.withdrawn === '1',
      hardEndAt: optional('hardEndAt') ?? 0,
    },
    state: {
      seq: optional('seq') ?? 0,
      currentPrice: optional('currentPrice'),
      leaderId: optional('leaderId'),
      leaderName: text(record.leaderName),
      leaderUsername: text(record.leaderUsername),
      leaderMax: optional('leaderMax'),
      leaderBidId: text(record.leaderBidId),
      bidCount: optional('bidCount') ?? 0,
      softCloseUntil: optional('softCloseUntil') ?? 0,
      lastPartition: optional('lastPartition'),
      lastOffset: optional('lastOffset'),
      closedAs: closedAs === '' ? null : closedAs,
    },
    effectiveEnd: required('effectiveEnd'),
    minNextBid: required('minNextBid'),
    // Written since increment tables; a hash from before has the fixed increment.
    increment: optional('increment') ?? optional('minIncrement')!,
  };
}
