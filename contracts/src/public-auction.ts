import { z } from 'zod';
import { AUCTION_STATUSES } from './auction';

/**
 * What the cms's public REST API returns for auctions and their cars, as the
 * bidding app reads it. Strapi sends biginteger money as strings and datetimes
 * as ISO strings; these schemas turn them into cents and epoch milliseconds at
 * the boundary. Unknown fields are dropped, not rejected, so the cms may add
 * fields without breaking older apps.
 */
const cents = z.union([z.string().regex(/^\d{1,15}$/), z.number().int().nonnegative()]).transform(Number);
const epochMs = z.iso.datetime({ offset: true }).transform((iso) => Date.parse(iso));

/** The reserve price itself never leaves the cms; only whether there is one and whether it is met. */
export const RESERVE_STATUSES = ['none', 'not_met', 'met'] as const;
export type ReserveStatus = (typeof RESERVE_STATUSES)[number];

export function reserveStatusOf(reservePrice: number | null, currentPrice: number | null): ReserveStatus {
  if (reservePrice === null || reservePrice <= 0) return 'none';
  return currentPrice !== null && currentPrice >= reservePrice ? 'met' : 'not_met';
}

const imageFormatSchema = z.object({ url: z.string(), width: z.number().nullish(), height: z.number().nullish() });

export const publicPhotoSchema = z.object({
  id: z.number(),
  url: z.string(),
  alternativeText: z.string().nullish(),
  width: z.number().nullish(),
  height: z.number().nullish(),
  formats: z.record(z.string(), imageFormatSchema).nullish(),
});
export type PublicPhoto = z.infer<typeof publicPhotoSchema>;

export const publicCarSchema = z.object({
  documentId: z.string(),
  make: z.string(),
  model: z.string(),
  year: z.number().int(),
  mileage: z.number().int(),
  mileageUnit: z.enum(['km', 'mi']),
  vin: z.string(),
  bodyStyle: z.string(),
  colour: z.string(),
  transmission: z.string(),
  description: z.string().nullish(),
  photos: z
    .array(publicPhotoSchema)
    .nullish()
    .transform((photos) => photos ?? []),
});
export type PublicCar = z.infer<typeof publicCarSchema>;

export const publicAuctionSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  startsAt: epochMs,
  /** The configured end. */
  endsAt: epochMs,
  /** The end after soft close, kept by the system; null for an auction not yet written to Redis. */
  closesAt: epochMs.nullish().transform((v) => v ?? null),
  currency: z.enum(['USD', 'EUR', 'GBP']),
  startingPrice: cents,
  minIncrement: cents,
  currentPrice: cents.nullish().transform((v) => v ?? null),
  leaderName: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  bidCount: z
    .number()
    .int()
    .nullish()
    .transform((v) => v ?? 0),
  saleStatus: z
    .enum(AUCTION_STATUSES)
    .nullish()
    .transform((v) => v ?? 'scheduled'),
  softCloseSeconds: z.number().int().nullish(),
  /** When an admin ended it before its end ("end now"); null otherwise. */
  endedEarlyAt: epochMs.nullish().transform((v) => v ?? null),
  /** When an admin withdrew it, and why (bidders are shown the reason); null otherwise. */
  withdrawnAt: epochMs.nullish().transform((v) => v ?? null),
  withdrawReason: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  reserveStatus: z.enum(RESERVE_STATUSES),
  /**
   * The minimum next bid and the increment at the current price, as the auction
   * library's rules stored them (the increment table applied); null when the
   * cms could not read them just then (the live state then brings them).
   */
  minimumNextBid: cents.nullish().transform((v) => v ?? null),
  increment: cents.nullish().transform((v) => v ?? null),
  car: publicCarSchema.nullish().transform((v) => v ?? null),
});
export type PublicAuction = z.infer<typeof publicAuctionSchema>;

/** `meta.serverTime` (epoch ms) lets clients run countdowns on the server's clock. */
export const serverTimeMetaSchema = z.object({ serverTime: z.number().int().positive() });

export const publicAuctionListSchema = z.object({
  data: z.array(publicAuctionSchema),
  meta: serverTimeMetaSchema.loose(),
});
export const publicAuctionOneSchema = z.object({
  data: publicAuctionSchema,
  meta: serverTimeMetaSchema.loose(),
});
