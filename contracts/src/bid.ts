import { z } from 'zod';
import { MAX_AMOUNT_CENTS } from './money';

/** Whole, positive cents, capped (see money.ts). Rejects floats, NaN, Infinity and strings. */
export const centsSchema = z
  .number({ error: 'amount must be a number of cents' })
  .int({ error: 'amount must be a whole number of cents' })
  .positive({ error: 'amount must be positive' })
  .max(MAX_AMOUNT_CENTS, { error: `amount must be at most ${MAX_AMOUNT_CENTS} cents` });

/** The same bounds as an amount, named as the maximum in each message. */
export const maxAmountSchema = z
  .number({ error: 'maxAmount must be a number of cents' })
  .int({ error: 'maxAmount must be a whole number of cents' })
  .positive({ error: 'maxAmount must be positive' })
  .max(MAX_AMOUNT_CENTS, { error: `maxAmount must be at most ${MAX_AMOUNT_CENTS} cents` });

/**
 * What a bidder sends to POST /api/auctions/:id/bids. Unknown keys are refused.
 * `maxAmount` (a proxy bid): the engine bids for its owner, up to it, the lowest
 * amount that keeps them in the lead; it is secret to its owner.
 */
export const placeBidRequestSchema = z
  .strictObject({
    amount: centsSchema,
    maxAmount: maxAmountSchema.optional(),
  })
  .refine((bid) => bid.maxAmount === undefined || bid.maxAmount >= bid.amount, {
    error: 'maxAmount must be at least amount',
    path: ['maxAmount'],
  });
export type PlaceBidRequest = z.infer<typeof placeBidRequestSchema>;

/**
 * The message on the `bids` topic (key = auctionId). Produced by the cms once
 * the bid passed its checks; decided by the stream worker.
 */
export const bidMessageSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    /** Server-made UUID: the ledger's unique key, so a replay never doubles a bid. */
    bidId: z.uuid(),
    /** The auction's Strapi documentId; also the Kafka key. */
    auctionId: z.string().min(1).max(64),
    bidderId: z.number().int().positive(),
    /** Kept with the bid so watchers can be shown a masked name without a lookup. */
    bidderUsername: z.string().min(1).max(255),
    amount: centsSchema,
    /** The bidder's maximum (a proxy bid), at least `amount`; absent for a plain bid. */
    maxAmount: centsSchema.optional(),
    /** Epoch milliseconds, stamped by the cms: the time that decides "late is late". */
    placedAt: z.number().int().positive(),
  })
  .refine((bid) => bid.maxAmount === undefined || bid.maxAmount >= bid.amount, {
    error: 'maxAmount must be at least amount',
    path: ['maxAmount'],
  });
export type BidMessage = z.infer<typeof bidMessageSchema>;

/** Body of the 202 the bid endpoint sends once Kafka has acknowledged the bid: queued for its worker, not yet decided. */
export const placeBidAcceptedSchema = z.object({
  data: z.object({
    bidId: z.string(),
    auctionId: z.string(),
    amount: centsSchema,
    /** Echoed to its owner only. */
    maxAmount: centsSchema.optional(),
    /** Epoch milliseconds, stamped by the cms. */
    placedAt: z.number().int(),
  }),
});
export type PlaceBidAccepted = z.infer<typeof placeBidAcceptedSchema>;
