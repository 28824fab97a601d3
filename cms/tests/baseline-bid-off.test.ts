import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from './helpers/strapi';
import { registerBidder } from './helpers/fixtures';

// The product's default: the bench's baseline (a local plugin) is not loaded.
delete process.env.BASELINE_BID_ROUTE;

let strapi: Core.Strapi;

beforeAll(async () => {
  strapi = await startStrapi();
});

afterAll(async () => {
  await stopStrapi();
});

test('without BASELINE_BID_ROUTE there is no baseline plugin, content type, table or route', async () => {
  expect(strapi.plugin('baseline-bid')).toBeUndefined();
  expect(Object.keys(strapi.contentTypes).filter((uid) => uid.includes('baseline'))).toEqual([]);
  expect(await strapi.db.connection.schema.hasTable('baseline_bids')).toBe(false);
  const bidder = await registerBidder(strapi);
  const res = await request(strapi.server.httpServer)
    .post('/api/baseline/auctions/zzzzzzzzzzzzzzzzzzzzzzzz/bids')
    .set('Authorization', `Bearer ${bidder.jwt}`)
    .send({ amount: 100_000 });
  // No route takes a POST there: a 405, not a 404, because strapi::public answers GETs on every path.
  expect(res.status).toBe(405);
});
