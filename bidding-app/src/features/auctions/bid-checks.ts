import { formatCents, parseMoneyToCents } from '@car-auction/contracts';

/** Which input a problem is about, so the form marks that one. */
export type BidField = 'amount' | 'maxAmount';
export type BidProblem = { field: BidField; message: string };
export type BidRequest = { amount: number; maxAmount?: number };
export type Checked = { ok: true; bid: BidRequest } | ({ ok: false } & BidProblem);

const refuse = (field: BidField, message: string): Checked => ({ ok: false, field, message });

/**
 * What the bid form checks before sending, as the cms checks it: the bid at
 * least the minimum the auction's table gives (when it is known), and an
 * optional maximum in whole cents, under the ceiling and at least the bid.
 */
export function checkBid(amountText: string, maximumText: string, minimum: number | null, currency: string): Checked {
  const amount = parseMoneyToCents(amountText);
  if (!amount.ok) return refuse('amount', amount.message);
  if (minimum !== null && amount.cents < minimum) return refuse('amount', `Bid at least ${formatCents(minimum, currency)}.`);
  if (maximumText.trim() === '') return { ok: true, bid: { amount: amount.cents } };
  const maximum = parseMoneyToCents(maximumText, 'maximum');
  if (!maximum.ok) return refuse('maxAmount', maximum.message);
  if (maximum.cents < amount.cents) return refuse('maxAmount', 'Your maximum must be at least your bid.');
  return { ok: true, bid: { amount: amount.cents, maxAmount: maximum.cents } };
}

/**
 * The leader's change of maximum: sent as a bid of the current price (the
 * server takes a leader's bid as a new maximum and does not raise the price),
 * so the maximum may go down, but never below that price.
 */
export function checkMaximumChange(maximumText: string, currentPrice: number, currency: string): Checked {
  const maximum = parseMoneyToCents(maximumText, 'maximum');
  if (!maximum.ok) return refuse('maxAmount', maximum.message);
  if (maximum.cents < currentPrice) {
    return refuse('maxAmount', `Your maximum cannot be lower than the current price, ${formatCents(currentPrice, currency)}.`);
  }
  return { ok: true, bid: { amount: currentPrice, maxAmount: maximum.cents } };
}

/** The cms's codes for a refused maximum: its message belongs beside the maximum input. */
const MAXIMUM_CODES = new Set(['invalid_max_amount', 'max_below_minimum', 'max_below_price']);
export const fieldOfCode = (code: string | null): BidField => (code !== null && MAXIMUM_CODES.has(code) ? 'maxAmount' : 'amount');
