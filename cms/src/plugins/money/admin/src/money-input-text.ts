import { readCents } from '@car-auction/contracts';

export type MoneyRead = { ok: true; cents: number | null } | { ok: false; message: string };

/**
 * What an editor typed in a money field: null for an empty field (the form's
 * own check says whether the field is required), else whole cents of at least
 * `least` (a price from 1 cent, a tier from 0), or the message to show.
 */
export function readMoneyInput(text: string, least: number): MoneyRead {
  const read = readCents(text, least);
  if (read.ok) return read;
  switch (read.problem) {
    case 'empty':
      return { ok: true, cents: null };
    case 'format':
      return { ok: false, message: 'Enter an amount like 15000 or 15000.50' };
    case 'too_large':
      return { ok: false, message: 'That amount is too large' };
    case 'too_small':
      return { ok: false, message: least <= 1 ? 'Enter an amount above zero' : `Enter at least ${(least / 100).toFixed(2)}` };
  }
}
