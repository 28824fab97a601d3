import { z } from 'zod';
import { centsSchema } from './bid';
import { AUCTION_STATUSES } from './auction';

/**
 * The worker's view of an auction's current bid, posted to the cms's internal
 * endpoint. `version` grows with every state change the worker makes, so the
 * cms applies an update only if it is newer than what it holds.
 */
export const auctionProjectionSchema = z.strictObject({
  version: z.number().int().positive(),
  currentPrice: centsSchema.nullable(),
  leaderUserId: z.number().int().positive().nullable(),
  /** Already masked by the worker ("j***n"): the cms shows it publicly as is. */
  leaderName: z.string().max(64).nullable(),
  bidCount: z.number().int().nonnegative(),
  saleStatus: z.enum(AUCTION_STATUSES),
  /** The effective end in epoch ms (soft close may have moved it). */
  endsAt: z.number().int().positive(),
});
export type AuctionProjection = z.infer<typeof auctionProjectionSchema>;
