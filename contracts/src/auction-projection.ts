import { z } from 'zod';
import { centsSchema } from './bid';
import { AUCTION_ID_PATTERN, AUCTION_STATUSES } from './auction';

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

/**
 * Items per batch. The cms applies a batch in one transaction, so this bounds
 * how long that transaction holds its locks and how large the body grows
 * (~250 bytes an item); the worker sends more auctions in several batches.
 */
export const AUCTION_PROJECTION_BATCH_MAX = 500;

/**
 * PUT /api/internal/auctions/projections: many auctions in one request, so the
 * cms authenticates the worker's token and opens a transaction once per flush
 * instead of once per auction.
 */
export const auctionProjectionBatchSchema = z.strictObject({
  data: z
    .array(
      z.strictObject({
        // A malformed id refuses the whole batch before it reaches the database.
        auctionId: z.string().regex(AUCTION_ID_PATTERN, { error: 'auctionId must be 1 to 64 lowercase letters or digits' }),
        projection: auctionProjectionSchema,
      }),
    )
    .min(1, { error: 'a batch holds at least one projection' })
    .max(AUCTION_PROJECTION_BATCH_MAX, { error: `a batch holds at most ${AUCTION_PROJECTION_BATCH_MAX} projections` }),
});
export type AuctionProjectionBatch = z.infer<typeof auctionProjectionBatchSchema>;

/** `stale`: the cms already holds this version or a newer one; nothing more is owed for it either. */
export const AUCTION_PROJECTION_RESULTS = ['applied', 'stale', 'not_found'] as const;
export type AuctionProjectionResult = (typeof AUCTION_PROJECTION_RESULTS)[number];

/** The cms's answer to a batch: one result per item, in the order sent. */
export const auctionProjectionBatchAnswerSchema = z.object({
  data: z.array(z.object({ auctionId: z.string(), result: z.enum(AUCTION_PROJECTION_RESULTS) })),
});
