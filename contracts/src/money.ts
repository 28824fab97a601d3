/**
 * Money is always an integer number of cents. The ceiling keeps every amount,
 * and every sum of an amount and an increment, far inside Number.MAX_SAFE_INTEGER
 * and inside what Redis and Lua (doubles) hold exactly.
 * 10^11 cents is one billion in the auction's currency: no car sells above it.
 */
export const MAX_AMOUNT_CENTS = 100_000_000_000;
