/**
 * Strapi returns biginteger attributes as strings (SQLite and PostgreSQL alike).
 * Money never leaves the safe-integer range (contracts/money.ts caps it), so
 * the numbers are exact.
 */
export function centsFromDb(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`not a whole number of cents: ${String(value)}`);
  return n;
}
