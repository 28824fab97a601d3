import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { AUCTIONS_BY_END_KEY, auctionStateKey } from '@car-auction/contracts';
import { AUCTION_LIBRARY_NAME } from '@car-auction/service-support';
import { startStrapi, stopStrapi } from './helpers/strapi';
import { createAuction, registerBidder, withRedis, type Bidder } from './helpers/fixtures';

let strapi: Core.Strapi;
let bidder: Bidder;

const bid = (auctionId: string, amount: number) =>
  request(strapi.server.httpServer).post(`/api/auctions/${auctionId}/bids`).set('Authorization', `Bearer ${bidder.jwt}`).send({ amount });
const stateOf = (id: string) => withRedis((r) => r.hgetall(auctionStateKey(id)));

beforeAll(async () => {
  strapi = await startStrapi();
  bidder = await registerBidder(strapi);
});

afterAll(async () => {
  await stopStrapi();
});

test('publishing an auction writes its configuration, reserve included, to Redis', async () => {
  const id = await createAuction(strapi, { startingPrice: 50_000, minIncrement: 2_500, reservePrice: 90_000 });
  const row = await strapi.documents('api::auction.auction').findOne({ documentId: id, status: 'published' });
  if (!row) throw new Error(`auction ${id} is not published`);
  expect(await stateOf(id)).toMatchObject({
    startsAt: String(Date.parse(row.startsAt)),
    endsAt: String(Date.parse(row.endsAt)),
    startingPrice: '50000',
    minIncrement: '2500',
    reservePrice: '90000',
    softCloseMs: '120000',
    withdrawn: '0',
    // What the auction library's rules make of it, stored for the bid endpoint.
    effectiveEnd: String(Date.parse(row.endsAt)),
    minNextBid: '50000',
  });
  expect(await withRedis((r) => r.zscore(AUCTIONS_BY_END_KEY, id))).toBe(String(Date.parse(row.endsAt)));
});

test('an edit is followed, and unpublishing withdraws the auction from bidding', async () => {
  const id = await createAuction(strapi, { startingPrice: 50_000 });
  // `as never`: without generated content-type types the document service knows no auction attribute.
  await strapi.documents('api::auction.auction').update({ documentId: id, data: { startingPrice: 70_000 } as never });
  await strapi.documents('api::auction.auction').publish({ documentId: id });
  expect((await stateOf(id)).startingPrice).toBe('70000');
  expect((await bid(id, 60_000)).body.error.details).toMatchObject({ code: 'bid_too_low', minimumBid: 70_000 });

  await strapi.documents('api::auction.auction').unpublish({ documentId: id });
  expect((await stateOf(id)).withdrawn).toBe('1');
  expect((await bid(id, 80_000)).status).toBe(404);
});

test('the bid endpoint judges by the worker state: soft-close end and current price', async () => {
  const id = await createAuction(strapi, { startsInMs: -3_600_000, endsInMs: -1_000, startingPrice: 10_000, minIncrement: 1_000 });
  expect((await bid(id, 10_000)).body.error.details.code).toBe('auction_ended');
  // The worker extended the end (soft close) and holds a price the cms row does not have, with
  // what its rules made of them (the effective end, the minimum next bid: 40,000 + 1,000).
  const extendedEnd = Date.now() + 60_000;
  await withRedis((r) =>
    r.hset(
      auctionStateKey(id),
      'softCloseUntil',
      extendedEnd,
      'currentPrice',
      40_000,
      'bidCount',
      4,
      'seq',
      5,
      'effectiveEnd',
      extendedEnd,
      'minNextBid',
      41_000,
    ),
  );
  expect((await bid(id, 40_999)).body.error.details).toMatchObject({ code: 'bid_too_low', minimumBid: 41_000 });
  expect((await bid(id, 41_000)).status).toBe(202);
  await withRedis((r) => r.hset(auctionStateKey(id), 'closedAs', 'sold'));
  expect((await bid(id, 50_000)).body.error.details.code).toBe('auction_ended');
});

test('an auction missing from Redis (flushed) is restored from the database on the next bid', async () => {
  const id = await createAuction(strapi, { startingPrice: 20_000 });
  await withRedis((r) => r.del(auctionStateKey(id)));
  expect((await bid(id, 20_000)).status).toBe(202);
  expect((await stateOf(id)).startingPrice).toBe('20000');
});

test('a hash without the stored rules (written by an older version) is written whole again on the next bid', async () => {
  const id = await createAuction(strapi, { startingPrice: 30_000 });
  await withRedis((r) => r.hdel(auctionStateKey(id), 'effectiveEnd', 'minNextBid'));
  expect((await bid(id, 29_999)).body.error.details).toMatchObject({ code: 'bid_too_low', minimumBid: 30_000 });
  expect((await stateOf(id)).minNextBid).toBe('30000');
});

test('a Redis that lost the auction library (FUNCTION FLUSH) gets it again from the cms', async () => {
  const id = await createAuction(strapi, { startingPrice: 25_000 });
  await withRedis(async (r) => {
    await r.function('FLUSH');
    await r.del(auctionStateKey(id));
  });
  expect((await bid(id, 25_000)).status).toBe(202);
  expect((await stateOf(id)).minNextBid).toBe('25000');
  expect(await withRedis((r) => r.function('LIST', 'LIBRARYNAME', AUCTION_LIBRARY_NAME))).toHaveLength(1);
});
