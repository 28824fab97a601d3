import request from 'supertest';
import type { Core } from '@strapi/strapi';
import type { AuctionProjection } from '@car-auction/contracts';
import { startStrapi, stopStrapi } from './helpers/strapi';
import { createAuction, registerBidder, type Bidder } from './helpers/fixtures';
import { getService } from '../src/utils/get-service';

const WORKER_TOKEN = 'dev-only-worker-api-token-change-me';

let strapi: Core.Strapi;
let bidder: Bidder;
let auctionId: string;

const http = () => request(strapi.server.httpServer);
const putBatch = (body: unknown, token: string | null = WORKER_TOKEN) => {
  const req = http().put('/api/internal/auctions/projections');
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
const publishedOf = async (id: string) =>
  (await http().get(`/api/auctions/${id}`)).body.data as { currentPrice: string | null; bidCount: number; leaderName: string };
const priceOf = async (id: string) => (await publishedOf(id)).currentPrice;

beforeAll(async () => {
  strapi = await startStrapi();
  bidder = await registerBidder(strapi);
  auctionId = await createAuction(strapi, { startingPrice: 100_000, minIncrement: 1_000 });
});

afterAll(async () => {
  await stopStrapi();
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

test("a config sync while Redis cannot answer is a 503 in Strapi's error envelope", async () => {
  const spy = jest.spyOn(getService(strapi, 'api::auction.auction-state'), 'syncAllPublished').mockRejectedValue(new Error('redis down'));
  try {
    const res = await http().post('/api/internal/auctions/config-sync').set('Authorization', `Bearer ${WORKER_TOKEN}`);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      data: null,
      error: { status: 503, name: 'ServiceUnavailableError', message: 'Redis is not reachable from the cms', details: {} },
    });
  } finally {
    spy.mockRestore();
  }
});

describe('batches of projections', () => {
  let a: string;
  let b: string;
  let c: string;
  const UNKNOWN = 'zzzzzzzzzzzzzzzzzzzzzzzz';

  beforeAll(async () => {
    [a, b, c] = [await createAuction(strapi), await createAuction(strapi), await createAuction(strapi)];
  });

  test('one request applies several auctions, answering per item in the order sent', async () => {
    const res = await putBatch({
      data: [
        { auctionId: a, projection: projection(5, 105_000) },
        { auctionId: b, projection: projection(3, 203_000) },
        { auctionId: c, projection: projection(1, 301_000) },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { auctionId: a, result: 'applied' },
      { auctionId: b, result: 'applied' },
      { auctionId: c, result: 'applied' },
    ]);
    expect(await publishedOf(a)).toMatchObject({ currentPrice: '105000', bidCount: 5, leaderName: 'b***r' });
    expect(await priceOf(b)).toBe('203000');
    expect(await priceOf(c)).toBe('301000');
  });

  test("the effective end goes to closesAt; the configured end stays the editor's (the cms writes it back to Redis)", async () => {
    const fresh = await createAuction(strapi, { startingPrice: 100_000, minIncrement: 1_000 });
    const before = (await http().get(`/api/auctions/${fresh}`)).body.data as { endsAt: string; closesAt: string };
    // Written at the sync: no bid has extended it yet.
    expect(before.closesAt).toBe(before.endsAt);
    const extended = Date.parse(before.endsAt) + 90_000;
    const res = await putBatch({ data: [{ auctionId: fresh, projection: { ...projection(1, 109_000), endsAt: extended } }] });
    expect(res.body.data).toEqual([{ auctionId: fresh, result: 'applied' }]);
    const after = (await http().get(`/api/auctions/${fresh}`)).body.data as { endsAt: string; closesAt: string };
    expect(after).toMatchObject({ endsAt: before.endsAt, closesAt: new Date(extended).toISOString() });
  });

  test('an older or equal version is stale and changes nothing, beside newer ones that apply', async () => {
    const res = await putBatch({
      data: [
        { auctionId: a, projection: projection(4, 999_000) },
        { auctionId: b, projection: projection(3, 999_000) },
        { auctionId: c, projection: projection(2, 302_000) },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.data.map((item: { result: string }) => item.result)).toEqual(['stale', 'stale', 'applied']);
    expect(await priceOf(a)).toBe('105000');
    expect(await priceOf(b)).toBe('203000');
    expect(await priceOf(c)).toBe('302000');
  });

  test('an unknown auction is not_found for its item while the others apply', async () => {
    const res = await putBatch({
      data: [
        { auctionId: a, projection: projection(6, 106_000) },
        { auctionId: UNKNOWN, projection: projection(1, 1_000) },
        { auctionId: b, projection: projection(4, 204_000) },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { auctionId: a, result: 'applied' },
      { auctionId: UNKNOWN, result: 'not_found' },
      { auctionId: b, result: 'applied' },
    ]);
    expect(await priceOf(a)).toBe('106000');
    expect(await priceOf(b)).toBe('204000');
  });

  // Bodies are built when each test runs: the auctions exist only after beforeAll.
  const item = (auctionId: string, version = 100) => ({ auctionId, projection: projection(version, 500_000) });
  test.each<[string, () => unknown, RegExp]>([
    ['no body', () => undefined, /^invalid projection batch: body: /],
    // Sent as a form: the body parser makes it an object without `data`.
    ['a body that is no JSON', () => 'nonsense', /^invalid projection batch: data: /],
    ['an empty batch', () => ({ data: [] }), /^invalid projection batch: data: a batch holds at least one projection$/],
    [
      'more than 500 items',
      () => ({ data: Array.from({ length: 501 }, (_, i) => item(a, 100 + i)) }),
      /^invalid projection batch: data: a batch holds at most 500 projections$/,
    ],
    ['an id that is no documentId', () => ({ data: [item(a), item('Not/An-Id')] }), /^invalid projection batch: data\.1\.auctionId: /],
    [
      'a bad projection',
      () => ({ data: [item(a), { auctionId: b, projection: { ...projection(100, 500_000), currentPrice: -1 } }] }),
      /^invalid projection batch: data\.1\.projection\.currentPrice: /,
    ],
    [
      'a field the cms does not take',
      () => ({ data: [{ auctionId: a, projection: { ...projection(100, 500_000), reservePrice: 1 } }] }),
      /^invalid projection batch: data\.0\.projection: /,
    ],
    ['a field beside the items', () => ({ data: [item(a)], force: true }), /^invalid projection batch: body: /],
  ])('%s is a 400 naming the first issue, and nothing is written', async (_name, body, message) => {
    const res = await putBatch(body());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(await priceOf(a)).toBe('106000');
    expect(await priceOf(b)).toBe('204000');
  });

  test('a batch that fails part-way writes nothing (one transaction)', async () => {
    const service = strapi.service('api::auction-projection.auction-projection') as unknown as {
      applyBatch(items: { auctionId: string; projection: AuctionProjection }[]): Promise<unknown>;
    };
    // Stand in for a database error on the second item's UPDATE.
    const query = strapi.db.query.bind(strapi.db);
    const spy = jest.spyOn(strapi.db, 'query').mockImplementation((uid: string) => {
      const repository = query(uid as never);
      return {
        ...repository,
        updateMany: async (params: { where: { documentId?: string } }) => {
          if (params.where.documentId === b) throw new Error('disk full');
          return repository.updateMany(params as never);
        },
      } as typeof repository;
    });
    try {
      await expect(
        service.applyBatch([
          { auctionId: a, projection: projection(50, 150_000) },
          { auctionId: b, projection: projection(50, 250_000) },
        ]),
      ).rejects.toThrow('disk full');
    } finally {
      spy.mockRestore();
    }
    expect(await priceOf(a)).toBe('106000');
    expect(await priceOf(b)).toBe('204000');
  });

  test('nobody but the worker token can post a batch', async () => {
    const body = { data: [{ auctionId: a, projection: projection(60, 999_000) }] };
    expect((await putBatch(body, null)).status).toBe(403);
    expect((await putBatch(body, bidder.jwt)).status).toBe(403);
    expect((await putBatch(body, 'wrong-token')).status).toBe(401);
    expect(await priceOf(a)).toBe('106000');
  });
});

test('the worker token holds exactly the internal actions', async () => {
  const token = await strapi.db.query('admin::api-token').findOne({ where: { name: 'stream-worker' }, populate: ['permissions'] });
  expect(token.permissions.map((p: { action: string }) => p.action).sort()).toEqual([
    'api::auction-projection.auction-projection.applyBatch',
    'api::auction-projection.auction-projection.syncConfig',
    // The notifier's, with the same token: the contacts its mails go to.
    'api::user-contact.user-contact.findMany',
  ]);
});

test('the worker token reaches nothing but its endpoints', async () => {
  const asWorker = (req: request.Test) => req.set('Authorization', `Bearer ${WORKER_TOKEN}`);
  expect((await asWorker(http().get('/api/auctions'))).status).toBe(403);
  expect(
    (
      await asWorker(
        http()
          .post('/api/cars')
          .send({ data: { make: 'x' } }),
      )
    ).status,
  ).toBe(403);
  expect(
    (
      await asWorker(
        http()
          .put(`/api/auctions/${auctionId}`)
          .send({ data: { title: 'x' } }),
      )
    ).status,
  ).toBe(403);
  expect((await asWorker(http().post(`/api/auctions/${auctionId}/bids`).send({ amount: 999_000 }))).status).toBe(401);
  expect((await asWorker(http().get('/api/users'))).status).toBe(403);
  expect((await asWorker(http().get('/admin/users'))).status).toBe(401);
});
