import { AUCTION_ID_PATTERN, placeBidRequestSchema } from '@car-auction/contracts';
import type { BidError } from './bid-errors';

/**
 * What the bid endpoint knows of an auction before it produces a bid: what the
 * auction library's rules computed and stored in Redis, taken as it is (the
 * rules live in one place, service-support/lua/auction.lua).
 */
export interface AuctionSnapshot {
  startsAt: number;
  /** The effective end, after any soft-close extension. */
  endsAt: number;
  /** The minimum next bid, as last decided. */
  minimumNextBid: number;
  /** Closed by the worker (sold or unsold). */
  closed?: boolean;
}

export function isPlausibleAuctionId(id: unknown): id is string {
  return typeof id === 'string' && AUCTION_ID_PATTERN.test(id);
}

/** Parses the request body; the amount must be whole, positive, finite cents. */
export function parseBidBody(body: unknown): { ok: true; amount: number } | { ok: false; error: BidError } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      ok: false,
      error: { status: 400, code: 'invalid_body', message: 'The request body must be a JSON object like {"amount": 1250000}' },
    };
  }
  const parsed = placeBidRequestSchema.safeParse(body);
  if (parsed.success) return { ok: true, amount: parsed.data.amount };
  const issue = parsed.error.issues[0];
  const onAmount = issue?.path[0] === 'amount';
  const missing = onAmount && (body as Record<string, unknown>).amount === undefined;
  return {
    ok: false,
    error: {
      status: 400,
      code: onAmount ? 'invalid_amount' : 'invalid_body',
      message: missing
        ? 'amount is required: a whole number of cents'
        : onAmount
          ? (issue?.message ?? 'invalid amount')
          : `Unexpected field in the request body: ${issue?.message ?? 'invalid body'}`,
    },
  };
}

/** Checks the bid against the auction's times and the minimum next bid, as last known. */
export function checkBidAgainstAuction(auction: AuctionSnapshot, amount: number, now: number): BidError | null {
  if (now < auction.startsAt) {
    return {
      status: 409,
      code: 'auction_not_started',
      message: `Bidding on this auction opens at ${new Date(auction.startsAt).toISOString()}`,
      details: { startsAt: auction.startsAt },
    };
  }
  if (now >= auction.endsAt || auction.closed) {
    return {
      status: 409,
      code: 'auction_ended',
      message: `This auction ended at ${new Date(auction.endsAt).toISOString()}`,
      details: { endsAt: auction.endsAt },
    };
  }
  const minimumBid = auction.minimumNextBid;
  if (amount < minimumBid) {
    return {
      status: 422,
      code: 'bid_too_low',
      message: `Your bid must be at least ${minimumBid} cents`,
      details: { minimumBid },
    };
  }
  return null;
}
