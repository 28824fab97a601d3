import path from 'node:path';
import { rmSync } from 'node:fs';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from './helpers/strapi';
import { createAuction, registerBidder } from './helpers/fixtures';

// The cms as the bench starts it: the baseline plugin on. Its own database file,
// so the baseline's table never reaches the one the other test files share.
const DATABASE = '.tmp/test-baseline-bid.db';
const previous = { database: process.env.DATABASE_FILENAME, seed: process.env.SEED_DEMO_DATA };
process.env.BASELINE_BID_ROUTE = 'true';
process.env.DATABASE_FILENAME = DATABASE;
process.env.SEED_DEMO_DATA = 'false';

let strapi: Core.Strapi;
const http = () => request(strapi.server.httpServer);

beforeAll(async () => {
  const file = path.resolve(__dirname, '..', DATABASE);
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  strapi = await startStrapi();
});

afterAll(async () => {
  await stopStrapi();
  // Environment variables outlive a test file in a --runInBand run.
  delete process.env.BASELINE_BID_ROUTE;
  process.env.DATABASE_FILENAME = previous.database;
  if (previous.seed === undefined) delete process.env.SEED_DEMO_DATA;
  else process.env.SEED_DEMO_DATA = previous.seed;
});

test('with BASELINE_BID_ROUTE=true the plugin, its content type and its table exist', async () => {
  expect(strapi.plugin('baseline-bid')).toBeDefined();
  expect(strapi.contentTypes['plugin::baseline-bid.baseline-bid']).toBeDefined();
  expect(await strapi.db.connection.schema.hasTable('baseline_bids')).toBe(true);
});

test('POST /api/baseline/auctions/:id/bids takes a bid once the role holds the action the bench grants', async () => {
  const bidder = await registerBidder(strapi);
  const auctionId = await createAuction(strapi, { startingPrice: 100_000, minIncrement: 5_000 });
  const bid = (amount: number) =>
    http().post(`/api/baseline/auctions/${auctionId}/bids`).set('Authorization', `Bearer ${bidder.jwt}`).send({ amount });
  expect((await bid(100_000)).status).toBe(403);

  // The bench grants it through the users-permissions admin API, whose role tree lists these actions.
  const actions = strapi.plugin('users-permissions').service('users-permissions').getActions();
  expect(actions['plugin::baseline-bid']?.controllers?.['baseline-bid']).toHaveProperty('place');
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  await strapi.db
    .query('plugin::users-permissions.permission')
    .create({ data: { action: 'plugin::baseline-bid.baseline-bid.place', role: role.id } });

  const accepted = await bid(100_000);
  expect(accepted.status).toBe(201);
  expect(accepted.body.data).toMatchObject({ auctionId, amount: 100_000, bidId: expect.any(String) });
  const low = await bid(100_000);
  expect(low.status).toBe(422);
  expect(low.body.error.details).toMatchObject({ code: 'bid_too_low', minimumBid: 105_000 });
  // The foil has no proxy bidding: a maximum is refused, not dropped.
  const withMax = await http()
    .post(`/api/baseline/auctions/${auctionId}/bids`)
    .set('Authorization', `Bearer ${bidder.jwt}`)
    .send({ amount: 105_000, maxAmount: 200_000 });
  expect(withMax.status).toBe(400);
  expect(withMax.body.error).toMatchObject({
    message: 'This endpoint takes plain bids only (no maxAmount)',
    details: { code: 'invalid_max_amount' },
  });
  // Its own fixed-increment minimum, from the price in its row.
  expect((await bid(105_000)).status).toBe(201);
  const rows = await strapi.db.query('plugin::baseline-bid.baseline-bid').findMany({ where: { auctionDocumentId: auctionId } });
  expect(rows).toHaveLength(2);
});
