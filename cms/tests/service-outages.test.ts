import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { infra, infraInBackground, isOurs } from '@car-auction/test-support/services';
import { eventually } from '@car-auction/test-support/wait';
import { startStrapi, stopStrapi } from './helpers/strapi';
import { createAuction, placeBid, registerBidder, withRedis, type Bidder } from './helpers/fixtures';
import { auctionStateKey } from '@car-auction/contracts';

// These tests stop Kafka and Redis, so each runs only against the service the
// project's scripts started (scripts/test.sh always does), never someone else's.
const kafkaIsOurs = isOurs('kafka');
const redisIsOurs = isOurs('redis');

let strapi: Core.Strapi;
let bidder: Bidder;
let auctionId: string;
const place = (amount: number) => placeBid(strapi, bidder, auctionId, amount);

beforeAll(async () => {
  strapi = await startStrapi();
  bidder = await registerBidder(strapi);
  auctionId = await createAuction(strapi, { startingPrice: 10_000, minIncrement: 1_000 });
});

afterAll(async () => {
  if (kafkaIsOurs) infra('kafka', 'start');
  if (redisIsOurs) await infraInBackground('redis', 'start');
  await stopStrapi();
});

(kafkaIsOurs ? test : test.skip)(
  'with Kafka stopped a bid gets a 503 with a message, then works again once it is back',
  async () => {
    expect((await place(10_000)).status).toBe(202);

    infra('kafka', 'stop');
    const down = await place(11_000);
    expect(down.status).toBe(503);
    expect(down.body.error).toMatchObject({ status: 503, details: { code: 'bids_unavailable' } });
    expect(down.body.error.message).toMatch(/try again/i);
    expect(down.headers['retry-after']).toBe('5');

    infra('kafka', 'start');
    const back = await place(12_000);
    expect(back.status).toBe(202);
  },
  180_000,
);

(redisIsOurs ? test : test.skip)(
  'with Redis stopped a bid gets a 503 with a message, the cms keeps serving, and bids work again once Redis is back',
  async () => {
    expect((await place(13_000)).status).toBe(202);

    // In the background: the cms under test runs in this process and must keep answering meanwhile.
    await infraInBackground('redis', 'stop');
    // Several bids, so the connection's reconnect attempts are under way: each is refused at once.
    for (const amount of [14_000, 15_000, 16_000]) {
      const down = await place(amount);
      expect(down.status).toBe(503);
      expect(down.body.error).toMatchObject({ status: 503, details: { code: 'bids_unavailable' } });
      expect(down.body.error.message).toMatch(/auction state unreachable.*try again/i);
      expect(down.headers['retry-after']).toBe('5');
    }
    // Everything that does not need Redis goes on, editing included.
    expect((await request(strapi.server.httpServer).get(`/api/auctions/${auctionId}`)).status).toBe(200);
    // `as never`: without generated content-type types the document service knows no auction attribute.
    await strapi.documents('api::auction.auction').update({ documentId: auctionId, data: { minIncrement: 2_000 } as never });
    await strapi.documents('api::auction.auction').publish({ documentId: auctionId });

    await infraInBackground('redis', 'start');
    // The edit made while Redis was away reaches it once it is back.
    await eventually('the edit synced to Redis', async () =>
      (await withRedis((r) => r.hget(auctionStateKey(auctionId), 'minIncrement'))) === '2000' ? true : undefined,
    );
    // The cms's connection comes back by itself (within about a second).
    const back = await eventually('a bid taken again', async () => {
      const res = await place(17_000);
      return res.status === 503 ? undefined : res;
    });
    expect(back.status).toBe(202);
  },
  120_000,
);
