import { MAX_AMOUNT_CENTS } from '@car-auction/contracts';

/** Shows integer cents as money in the auction's currency, e.g. 1250000 USD -> "$12,500.00". */
export function formatCents(cents: number, currency: string, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}

/**
 * Reads what a bidder typed ("12,500", "12500.50", "$12 500") as integer cents.
 * Returns an error message instead of guessing at anything ambiguous.
 */
export function parseMoneyToCents(input: string): { ok: true; cents: number } | { ok: false; message: string } {
  const cleaned = input.replace(/[\s,$€£]/g, '');
  if (cleaned === '') return { ok: false, message: 'Enter an amount' };
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) {
    return { ok: false, message: 'Enter an amount like 12500 or 12500.50' };
  }
  const [whole = '0', fraction = ''] = cleaned.split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents <= 0) return { ok: false, message: 'Enter an amount above zero' };
  if (cents > MAX_AMOUNT_CENTS) return { ok: false, message: 'That amount is too large' };
  return { ok: true, cents };
}
