import { MAX_AMOUNT_CENTS } from '@car-auction/contracts';

/** Shows integer cents as money in the auction's currency, e.g. 1250000 USD -> "$12,500.00". */
export function formatCents(cents: number, currency: string, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}

/** Plain digits for a money input ("12500", "12500.50"), from cents. */
export const centsToInput = (cents: number): string => (cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2));

/** What the money being read is called in the messages: "Enter an amount", "Enter a maximum". */
export type MoneyNoun = 'amount' | 'maximum';

/**
 * Reads what a bidder typed ("12,500", "12500.50", "$12 500") as integer cents.
 * Returns an error message instead of guessing at anything ambiguous.
 */
export function parseMoneyToCents(input: string, noun: MoneyNoun = 'amount'): { ok: true; cents: number } | { ok: false; message: string } {
  const named = noun === 'amount' ? 'an amount' : 'a maximum';
  const cleaned = input.replace(/[\s,$€£]/g, '');
  if (cleaned === '') return { ok: false, message: `Enter ${named}` };
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) {
    return { ok: false, message: `Enter ${named} like 12500 or 12500.50` };
  }
  const [whole = '0', fraction = ''] = cleaned.split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents <= 0) return { ok: false, message: `Enter ${named} above zero` };
  if (cents > MAX_AMOUNT_CENTS) return { ok: false, message: `That ${noun} is too large` };
  return { ok: true, cents };
}
