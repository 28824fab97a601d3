import { z } from 'zod';
import { MAX_AMOUNT_CENTS } from './money';

/**
 * An increment table: from each price on (cents, inclusive), the next bid must
 * be at least that much higher. The lookup itself is the auction library's
 * (`increment_at` in service-support/lua/auction.lua); this module only states
 * the table's shape, its checks, and how it travels into the auction's hash.
 */
export interface IncrementTier {
  /** The price (cents) from which this increment applies. */
  fromPrice: number;
  /** Cents. */
  increment: number;
}

/**
 * The default table, sized for cars in the spirit of eBay Motors' and Catawiki's
 * tables: small steps on cheap cars, $1,000 steps on six-figure ones.
 */
export const DEFAULT_CAR_INCREMENT_TIERS: readonly IncrementTier[] = [
  { fromPrice: 0, increment: 5_000 },
  { fromPrice: 100_000, increment: 10_000 },
  { fromPrice: 500_000, increment: 25_000 },
  { fromPrice: 2_500_000, increment: 50_000 },
  { fromPrice: 10_000_000, increment: 100_000 },
  { fromPrice: 25_000_000, increment: 250_000 },
  { fromPrice: 100_000_000, increment: 1_000_000 },
];
export const DEFAULT_CAR_INCREMENT_TABLE_NAME = 'Cars (default)';

const tierSchema = z.object({
  fromPrice: z.number().int().nonnegative().max(MAX_AMOUNT_CENTS),
  increment: z.number().int().positive().max(MAX_AMOUNT_CENTS),
});

/** A table the library can use: at least one tier, the first from 0, prices strictly rising. */
export const incrementTiersSchema = z
  .array(tierSchema)
  .min(1, { error: 'an increment table needs at least one tier' })
  .max(50, { error: 'an increment table has at most 50 tiers' })
  .superRefine((tiers, ctx) => {
    if (tiers[0] && tiers[0].fromPrice !== 0) ctx.addIssue({ code: 'custom', message: 'the first tier must start at a price of 0' });
    for (let i = 1; i < tiers.length; i++) {
      if (tiers[i]!.fromPrice <= tiers[i - 1]!.fromPrice) {
        ctx.addIssue({ code: 'custom', message: 'each tier must start at a higher price than the one before' });
        return;
      }
    }
  });

/** The hash's `increments` field: "from:increment" pairs, rising, comma-separated; '' for a fixed increment. */
export function encodeIncrementTiers(tiers: readonly IncrementTier[] | null | undefined): string {
  if (!tiers || tiers.length === 0) return '';
  return tiers.map((t) => `${t.fromPrice}:${t.increment}`).join(',');
}

export function decodeIncrementTiers(encoded: string | undefined): IncrementTier[] {
  if (!encoded) return [];
  return encoded.split(',').map((pair) => {
    const [fromPrice, increment] = pair.split(':').map(Number);
    return { fromPrice: fromPrice!, increment: increment! };
  });
}
