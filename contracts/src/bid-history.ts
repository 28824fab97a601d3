import { z } from 'zod';
import { centsSchema } from './bid';

/** The MongoDB collection of the bid ledger (written by the worker, read by the cms). */
export const BID_LEDGER_COLLECTION = 'bid_ledger';

/** One bid that set the price, as the public history shows it (never a maximum). */
export const bidHistoryEntrySchema = z.object({
  bidId: z.string(),
  /** The price the bid set. */
  amount: centsSchema,
  /** Made by the engine for a bidder's maximum (a proxy bid). */
  automatic: z.boolean(),
  /** Masked ("j***n"). */
  bidderName: z.string(),
  placedAt: z.number().int(),
});
export type BidHistoryEntry = z.infer<typeof bidHistoryEntrySchema>;

/** A page of GET /api/auctions/:id/bids: the bids that set the price, newest first, with Strapi's pagination meta. */
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

export const BID_HISTORY_MAX_PAGE_SIZE = 100;
