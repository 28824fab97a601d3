import request from 'supertest';
import type { Core } from '@strapi/strapi';
import type { AuctionProjection } from '@car-auction/contracts';
import { startStrapi, stopStrapi } from './helpers/strapi';
import { createAuction, registerBidder, type Bidder } from './helpers/fixtures';

const WORKER_TOKEN = 'dev-only-worker-api-token-change-me';

let strapi: Core.Strapi;
let bidder: Bidder;
let auctionId: string;

const http = () => request(strapi.server.httpServer);
const post = (id: string, body: unknown, token: string | null = WORKER_TOKEN) => {
  const req = http().put(`/api/internal/auctions/${id}/projection`);
  if (token) req.set('Authorization', `Bearer ${token}`);
  return req.send(body as object);
};
const projection = (version: number, currentPrice: number): AuctionProjection => ({
  version,
  currentPrice,
  leaderUserId: bidder.id,
  leaderName: 'b***r',
  bidCount: version,
  saleStatus: 'live',
  endsAt: Date.now() + 3_600_000,
});
const published = async () =>
  (await http().get(`/api/auctions/${auctionId}`)).body.data as { currentPrice: string; bidCount: number; leaderName: string };

beforeAll(async () => {
  strapi = await startStrapi();
  bidder = await registerBidder(strapi);
  auctionId = await createAuction(strapi, { startingPrice: 100_000, minIncrement: 1_000 });
});

afterAll(async () => {
  await stopStrapi();
});

test('the worker token applies a newer projection and ignores an older one', async () => {
  const applied = await post(auctionId, projection(2, 150_000));
  expect(applied.status).toBe(200);
  expect(applied.body.data).toEqual({ applied: true, version: 2 });
  expect(await published()).toMatchObject({ currentPrice: '150000', bidCount: 2, leaderName: 'b***r' });

  const stale = await post(auctionId, projection(1, 120_000));
  expect(stale.status).toBe(200);
  expect(stale.body.data.applied).toBe(false);
  expect((await published()).currentPrice).toBe('150000');

  expect((await post(auctionId, projection(3, 160_000))).body.data.applied).toBe(true);
  expect((await published()).currentPrice).toBe('160000');
});

test('only the current-bid fields are accepted', async () => {
  const res = await post(auctionId, { ...projection(10, 170_000), reservePrice: 1 });
  expect(res.status).toBe(400);
  expect((await post(auctionId, { ...projection(10, 170_000), currentPrice: -1 })).status).toBe(400);
  expect((await post(auctionId, 'nonsense')).status).toBe(400);
  expect((await published()).currentPrice).toBe('160000');
});

test('an unknown auction is a 404', async () => {
  expect((await post('zzzzzzzzzzzzzzzzzzzzzzzz', projection(1, 1_000))).status).toBe(404);
});

test('nobody else can post a projection', async () => {
  expect((await post(auctionId, projection(20, 999_000), null)).status).toBe(403);
  expect((await post(auctionId, projection(20, 999_000), bidder.jwt)).status).toBe(403);
  expect((await post(auctionId, projection(20, 999_000), 'wrong-token')).status).toBe(401);
  expect((await published()).currentPrice).toBe('160000');
});

test('the worker token can have every published configuration rewritten to Redis; nobody else can', async () => {
  const { auctionStateKey } = await import('@car-auction/contracts');
  const { Redis } = await import('ioredis');
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    await redis.hdel(auctionStateKey(auctionId), 'startingPrice', 'endsAt');
    const res = await http().post('/api/internal/auctions/config-sync').set('Authorization', `Bearer ${WORKER_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.body.data.synced).toBeGreaterThanOrEqual(1);
    expect(await redis.hget(auctionStateKey(auctionId), 'startingPrice')).not.toBeNull();
    expect((await http().post('/api/internal/auctions/config-sync')).status).toBe(403);
    expect((await http().post('/api/internal/auctions/config-sync').set('Authorization', `Bearer ${bidder.jwt}`)).status).toBe(403);
  } finally {
    redis.disconnect();
  }
});

test('the worker token reaches nothing but its endpoints', async () => {
  const asWorker = (req: request.Test) => req.set('Authorization', `Bearer ${WORKER_TOKEN}`);
  expect((await asWorker(http().get('/api/auctions'))).status).toBe(403);
  expect((await asWorker(http().post('/api/cars').send({ data: { make: 'x' } }))).status).toBe(403);
  expect((await asWorker(http().put(`/api/auctions/${auctionId}`).send({ data: { title: 'x' } }))).status).toBe(403);
  expect((await asWorker(http().post(`/api/auctions/${auctionId}/bids`).send({ amount: 999_000 }))).status).toBe(401);
  expect((await asWorker(http().get('/api/users'))).status).toBe(403);
  expect((await asWorker(http().get('/admin/users'))).status).toBe(401);
});
