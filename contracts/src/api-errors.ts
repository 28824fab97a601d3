/**
 * Reasons the bid endpoint gives with a 4xx or 503. Clients may branch on the
 * code; the message is for people and is shown as written.
 */
export const BID_ERROR_CODES = [
  'unauthorized',
  'account_blocked',
  'invalid_body',
  'invalid_amount',
  'invalid_max_amount',
  'auction_not_found',
  'auction_not_started',
  'auction_ended',
  'auction_withdrawn',
  'bid_too_low',
  'max_below_minimum',
  'max_below_price',
  'rate_limited',
  'bids_unavailable',
] as const;
export type BidErrorCode = (typeof BID_ERROR_CODES)[number];

/** Strapi's error envelope, with our code in details. */
export interface ApiErrorBody {
  data: null;
  error: {
    status: number;
    name: string;
    message: string;
    details: { code?: BidErrorCode; [key: string]: unknown };
  };
}
