import { z } from 'zod';
import { centsSchema, type PlaceBidAccepted } from './bid';
import type { BidHistoryEntry } from './bid-history';

/**
 * Schemas of the bid routes' success bodies, for clients that check what they
 * are sent. `PlaceBidAccepted` (bid.ts) and `BidHistoryEntry` (bid-history.ts)
 * are the cms's declarations of the same bodies; `satisfies` fails the build
 * when one of them gains a field these schemas do not read.
 */

/** The 202 of POST /api/auctions/:id/bids: the bid is queued for its worker, not yet decided. */
export const placeBidAcceptedSchema = z.object({
  data: z.object({
    bidId: z.string(),
    auctionId: z.string(),
    amount: centsSchema,
    /** Epoch milliseconds, stamped by the cms. */
    placedAt: z.number().int(),
  }),
}) satisfies z.ZodType<PlaceBidAccepted>;

export const bidHistoryEntrySchema = z.object({
  bidId: z.string(),
  amount: centsSchema,
  /** Masked ("j***n"). */
  bidderName: z.string(),
  placedAt: z.number().int(),
}) satisfies z.ZodType<BidHistoryEntry>;

/** A page of GET /api/auctions/:id/bids: accepted bids, newest first, with Strapi's pagination meta. */
export const bidHistoryPageSchema = z.object({
  data: z.array(bidHistoryEntrySchema),
  meta: z.object({
    pagination: z.object({
      page: z.number().int(),
      pageSize: z.number().int(),
      total: z.number().int(),
      pageCount: z.number().int(),
    }),
  }),
});
export type BidHistoryPage = z.infer<typeof bidHistoryPageSchema>;
