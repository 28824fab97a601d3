import { MAX_AMOUNT_CENTS } from './money';

/** Shows integer cents as money in the auction's currency, e.g. 1250000 USD -> "$12,500.00". */
export function formatCents(cents: number, currency: string, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}

/** Plain digits for a money input ("12500", "12500.50"), from cents. */
export const centsToInput = (cents: number): string => (cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2));

/** What the money being read is called in the messages: "Enter an amount", "Enter a maximum". */
export type MoneyNoun = 'amount' | 'maximum';

/** Why typed text is not an amount of cents. */
export type CentsProblem = 'empty' | 'format' | 'too_small' | 'too_large';

/**
 * Reads typed money ("12,500", "12500.50", "$12 500") as integer cents of at
 * least `least`. Commas, spaces and a currency sign are ignored; anything
 * ambiguous (more than two decimals, letters, a minus sign) is a problem, not a guess.
 */
export function readCents(input: string, least = 1): { ok: true; cents: number } | { ok: false; problem: CentsProblem } {
  const cleaned = input.replace(/[\s,$€£]/g, '');
  if (cleaned === '') return { ok: false, problem: 'empty' };
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return { ok: false, problem: 'format' };
  const [whole = '0', fraction = ''] = cleaned.split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents > MAX_AMOUNT_CENTS) return { ok: false, problem: 'too_large' };
  if (cents < least) return { ok: false, problem: 'too_small' };
  return { ok: true, cents };
}

/** What a bidder typed as cents above zero, or the message that says what to type. */
export function parseMoneyToCents(input: string, noun: MoneyNoun = 'amount'): { ok: true; cents: number } | { ok: false; message: string } {
  const named = noun === 'amount' ? 'an amount' : 'a maximum';
  const read = readCents(input);
  if (read.ok) return read;
  const messages: Record<CentsProblem, string> = {
    empty: `Enter ${named}`,
    format: `Enter ${named} like 12500 or 12500.50`,
    too_small: `Enter ${named} above zero`,
    too_large: `That ${noun} is too large`,
  };
  return { ok: false, message: messages[read.problem] };
}
