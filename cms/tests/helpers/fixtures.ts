import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { Redis } from 'ioredis';
import { auctionStateKey } from '@car-auction/contracts';

const HOUR = 3_600_000;
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export interface AuctionSpec {
  startsInMs?: number;
  endsInMs?: number;
  startingPrice?: number;
  minIncrement?: number;
  reservePrice?: number | null;
  currentPrice?: number | null;
  bidCount?: number;
  publish?: boolean;
}

/** Creates a car and an auction of it through the document service; returns the auction's documentId. */
export async function createAuction(strapi: Core.Strapi, spec: AuctionSpec = {}): Promise<string> {
  const now = Date.now();
  const status = spec.publish === false ? 'draft' : 'published';
  const car = await strapi.documents('api::car.car').create({
    data: {
      make: 'Testmake', model: `Model ${unique()}`, year: 2001, mileage: 1000, mileageUnit: 'km',
      vin: `T${unique().toUpperCase().replace(/[IOQ]/g, 'X')}`.padEnd(17, '0').slice(0, 17),
      bodyStyle: 'coupe', colour: 'Red', transmission: 'manual',
    } as any,
    status,
  });
  const auction = await strapi.documents('api::auction.auction').create({
    data: {
      title: `Test auction ${unique()}`,
      car: car.documentId,
      startsAt: new Date(now + (spec.startsInMs ?? -HOUR)).toISOString(),
      endsAt: new Date(now + (spec.endsInMs ?? HOUR)).toISOString(),
      startingPrice: spec.startingPrice ?? 100_000,
      minIncrement: spec.minIncrement ?? 5_000,
      reservePrice: spec.reservePrice ?? undefined,
    } as any,
    status,
  });
  if (spec.currentPrice != null) {
    // Stand in for the worker: the bid state lives in Redis, beside the config the cms wrote.
    await withRedis((redis) =>
      redis.hset(auctionStateKey(auction.documentId), 'currentPrice', spec.currentPrice!, 'bidCount', spec.bidCount ?? 1, 'seq', 1),
    );
  }
  return auction.documentId;
}

export async function withRedis<T>(work: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

export interface Bidder {
  id: number;
  username: string;
  jwt: string;
}

/** Registers a bidder through the public API and returns the access token. */
export async function registerBidder(strapi: Core.Strapi): Promise<Bidder> {
  const username = `bidder${unique()}`;
  const res = await request(strapi.server.httpServer)
    .post('/api/auth/local/register')
    .send({ username, email: `${username}@example.test`, password: 'Secret-pass-123' });
  if (res.status !== 200) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, username, jwt: res.body.jwt };
}
