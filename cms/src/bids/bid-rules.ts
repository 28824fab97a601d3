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
  /** Withdrawn by an admin, or unpublished since it was synced: takes no bids. */
  withdrawn?: boolean;
  /** The price the last accepted bid set; null before the first. */
  currentPrice: number | null;
  /** Who leads (a bidder id); null before the first bid. Never shown: it only tells the leader apart. */
  leaderId: number | null;
  bidCount: number;
}

/** A parsed bid: the amount, and the bidder's maximum if they left one (a proxy bid). */
export interface BidToCheck {
  bidderId: number;
  amount: number;
  maxAmount?: number;
}

export function isPlausibleAuctionId(id: unknown): id is string {
  return typeof id === 'string' && AUCTION_ID_PATTERN.test(id);
}

/** Which 400 an issue with a field of the body is. */
const FIELD_ERRORS: Record<string, { code: 'invalid_amount' | 'invalid_max_amount'; missing?: string }> = {
  amount: { code: 'invalid_amount', missing: 'amount is required: a whole number of cents' },
  maxAmount: { code: 'invalid_max_amount' },
};

/**
 * Parses the request body: the amount, and the optional maximum, each whole,
 * positive, finite cents under the ceiling, the maximum at least the amount
 * (contracts' placeBidRequestSchema, whose messages are sent as they are).
 */
export function parseBidBody(body: unknown): { ok: true; amount: number; maxAmount?: number } | { ok: false; error: BidError } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      ok: false,
      error: { status: 400, code: 'invalid_body', message: 'The request body must be a JSON object like {"amount": 1250000}' },
    };
  }
  const parsed = placeBidRequestSchema.safeParse(body);
  if (parsed.success) {
    const { amount, maxAmount } = parsed.data;
    return maxAmount === undefined ? { ok: true, amount } : { ok: true, amount, maxAmount };
  }
  const issue = parsed.error.issues[0];
  const field = typeof issue?.path[0] === 'string' ? FIELD_ERRORS[issue.path[0]] : undefined;
  if (!field) {
    return {
      ok: false,
      error: { status: 400, code: 'invalid_body', message: `Unexpected field in the request body: ${issue?.message ?? 'invalid body'}` },
    };
  }
  const missing = field.missing !== undefined && (body as Record<string, unknown>)[String(issue!.path[0])] === undefined;
  return {
    ok: false,
    error: { status: 400, code: field.code, message: missing ? field.missing! : (issue?.message ?? 'invalid amount') },
  };
}

/**
 * Checks the bid against the auction's times and its state as last decided.
 * It only spares the stream bids that cannot win; the engine decides (and
 * knows the leader's maximum, which this never reads).
 */
export function checkBidAgainstAuction(auction: AuctionSnapshot, bid: BidToCheck, now: number): BidError | null {
  if (auction.withdrawn) {
    return { status: 409, code: 'auction_withdrawn', message: 'This auction was withdrawn from sale: it takes no more bids' };
  }
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
  if (auction.bidCount > 0 && auction.leaderId === bid.bidderId) {
    // The leader only changes their maximum (a plain bid's maximum is its amount): no minimum,
    // since the leader never bids against themselves; but never below the price they lead at.
    const currentPrice = auction.currentPrice ?? 0;
    if ((bid.maxAmount ?? bid.amount) < currentPrice) {
      return {
        status: 422,
        code: 'max_below_price',
        message: `You are the highest bidder: your maximum cannot go below the current price of ${currentPrice} cents`,
        details: { currentPrice },
      };
    }
    return null;
  }
  const minimumBid = auction.minimumNextBid;
  if (bid.maxAmount !== undefined && bid.maxAmount < minimumBid) {
    return {
      status: 422,
      code: 'max_below_minimum',
      message: `Your maximum must be at least the minimum next bid of ${minimumBid} cents`,
      details: { minimumBid },
    };
  }
  // A bid with a maximum that reaches the minimum is taken: the engine lifts its amount to the
  // minimum (the price may have moved since the bidder looked), and the maximum decides.
  if (bid.maxAmount === undefined && bid.amount < minimumBid) {
    return {
      status: 422,
      code: 'bid_too_low',
      message: `Your bid must be at least ${minimumBid} cents`,
      details: { minimumBid },
    };
  }
  return null;
}
