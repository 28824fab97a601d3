import type { Core } from '@strapi/strapi';
import { Redis } from 'ioredis';
import { DEFAULT_CAR_INCREMENT_TABLE_NAME, auctionStateKey } from '@car-auction/contracts';

export interface AuctionSpec {
  startsInMs?: number;
  endsInMs?: number;
  startingPrice?: number;
  minIncrement?: number;
  reservePrice?: number | null;
  softCloseSeconds?: number;
  /** The most soft close may add to the end, in seconds; 0 (the default) for no cap. */
  softCloseCapSeconds?: number;
  /** An increment table's documentId (see defaultIncrementTableId); none: the fixed minIncrement. */
  incrementTable?: string;
  title?: string;
  car?: { make?: string; model?: string; year?: number; mileage?: number };
  /** Uploaded files (their ids) to attach to the car. */
  photoIds?: number[];
  /** false: car and auction stay drafts. */
  publish?: boolean;
  /** Stands in for the worker: this price and bid count are written to the auction's state in Redis. */
  currentPrice?: number | null;
  bidCount?: number;
}

let counter = 0;

/**
 * Creates a car and an auction of it through Strapi's document service, as an
 * editor would in the panel; returns the auction's documentId. Defaults: a
 * live auction (started a minute ago, ending in an hour) at $100.00 with $1.00
 * increments.
 */
export async function createAuction(strapi: Core.Strapi, spec: AuctionSpec = {}): Promise<string> {
  const now = Date.now();
  const n = counter++;
  const tag = `${now.toString(36)}${n.toString(36)}`.toUpperCase();
  const status = spec.publish === false ? 'draft' : 'published';
  const car = await strapi.documents('api::car.car').create({
    data: {
      make: spec.car?.make ?? 'Testmake',
      model: spec.car?.model ?? `Model ${tag}`,
      year: spec.car?.year ?? 2010,
      mileage: spec.car?.mileage ?? 1000,
      mileageUnit: 'km',
      // Digits only: the VIN alphabet has no I, O or Q, and mapping letters away could collide.
      vin: `E${now}${String(n % 1000).padStart(3, '0')}`,
      bodyStyle: 'coupe',
      colour: 'Blue',
      transmission: 'manual',
      photos: spec.photoIds ?? [],
    } as never,
    status,
  });
  const auction = await strapi.documents('api::auction.auction').create({
    data: {
      title: spec.title ?? `Test auction ${tag}`,
      car: car.documentId,
      startsAt: new Date(now + (spec.startsInMs ?? -60_000)).toISOString(),
      endsAt: new Date(now + (spec.endsInMs ?? 3_600_000)).toISOString(),
      startingPrice: spec.startingPrice ?? 10_000,
      minIncrement: spec.minIncrement ?? 100,
      reservePrice: spec.reservePrice ?? undefined,
      softCloseSeconds: spec.softCloseSeconds,
      softCloseCapSeconds: spec.softCloseCapSeconds,
      incrementTable: spec.incrementTable,
    } as never,
    status,
  });
  if (spec.currentPrice != null) {
    await withRedis((redis) =>
      redis.hset(auctionStateKey(auction.documentId), 'currentPrice', spec.currentPrice!, 'bidCount', spec.bidCount ?? 1, 'seq', 1),
    );
  }
  return auction.documentId;
}

/** Moves a published auction's end, as an editor would (edit, then publish): the cms syncs it to Redis. */
export async function moveAuctionEnd(strapi: Core.Strapi, documentId: string, endsAt: number): Promise<void> {
  await strapi.documents('api::auction.auction').update({ documentId, data: { endsAt: new Date(endsAt).toISOString() } as never });
  await strapi.documents('api::auction.auction').publish({ documentId });
}

/** The documentId of the default car increment table, which the cms seeds at its first start. */
export async function defaultIncrementTableId(strapi: Core.Strapi): Promise<string> {
  const table = await strapi.documents('api::increment-table.increment-table').findFirst({
    filters: { name: DEFAULT_CAR_INCREMENT_TABLE_NAME } as never,
  });
  if (!table) throw new Error(`the cms has no increment table named "${DEFAULT_CAR_INCREMENT_TABLE_NAME}" (seeded at bootstrap)`);
  return table.documentId;
}

/** A short-lived Redis connection at REDIS_URL. */
export async function withRedis<T>(work: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}
