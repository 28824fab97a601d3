import request from 'supertest';
import type { Core } from '@strapi/strapi';
import {
  DEFAULT_CAR_INCREMENT_TABLE_NAME,
  DEFAULT_CAR_INCREMENT_TIERS,
  auctionStateKey,
  encodeIncrementTiers,
  publicAuctionListSchema,
  publicAuctionOneSchema,
  type IncrementTier,
} from '@car-auction/contracts';
import type { AddressInfo } from 'node:net';
import { defaultIncrementTableId } from '@car-auction/test-support/auctions';
import { incrementAt as oracleIncrementAt } from '@car-auction/test-support/auction-oracle';
import { adminLogin, defaultIncrementTableId as defaultIncrementTableIdOverHttp } from '@car-auction/test-support/admin-api';
import { startStrapi, stopStrapi } from './helpers/strapi';
import { panelSession, type PanelSession } from './helpers/panel';
import { createAuction, registerBidder, withRedis, type Bidder } from './helpers/fixtures';
import { topicEnd } from './helpers/kafka';
import { getService } from '../src/utils/get-service';
import { seedDefaultIncrementTable } from '../src/seed/default-increment-table';

const TABLES = '/content-manager/collection-types/api::increment-table.increment-table';

let strapi: Core.Strapi;
let bidder: Bidder;
let panel: PanelSession;
let defaultTable: string;

const http = () => request(strapi.server.httpServer);
const bid = (auctionId: string, body: object) =>
  http().post(`/api/auctions/${auctionId}/bids`).set('Authorization', `Bearer ${bidder.jwt}`).send(body);
const stateOf = (id: string) => withRedis((r) => r.hgetall(auctionStateKey(id)));
/** The worker's price, written into the hash, with what the library's rules make of it (as the worker's step stores them). */
const standAt = async (id: string, price: number) => {
  await withRedis((r) => r.hset(auctionStateKey(id), 'currentPrice', price, 'bidCount', 2, 'seq', 2, 'leaderId', 999_999));
  await getService(strapi, 'api::auction.auction-state').sync(id);
};
/** An independent lookup, for the expectations: the increment of the last tier from at or below the price. */
/** The default table's increment at a price, by the test oracle's lookup (the engine's is the library's). */
const incrementAt = (tiers: readonly IncrementTier[], price: number) =>
  oracleIncrementAt({ minIncrement: 1, incrementTiers: [...tiers] }, price);
let tableCounter = 0;
const tableName = () => `Test table ${Date.now().toString(36)}-${tableCounter++}`;
/** A table made as an editor makes it in the panel (biginteger fields as strings). */
const createTable = async (tiers: IncrementTier[]) => {
  const name = tableName();
  const res = await panel.post(TABLES, {
    name,
    tiers: tiers.map((t) => ({ fromPrice: String(t.fromPrice), increment: String(t.increment) })),
  });
  expect(res.status).toBe(201);
  return { table: res.body.data.documentId as string, name };
};

beforeAll(async () => {
  strapi = await startStrapi();
  bidder = await registerBidder(strapi);
  panel = await panelSession(strapi, 'editor');
  defaultTable = await defaultIncrementTableId(strapi);
});

afterAll(async () => {
  await stopStrapi();
});

describe('the default car table', () => {
  test('is seeded at bootstrap with the contracts tiers, and is publicly readable', async () => {
    const res = await http().get(`/api/increment-tables/${defaultTable}?populate=tiers`);
    expect(res.status).toBe(200);
    expect(res.body.data.name).toBe(DEFAULT_CAR_INCREMENT_TABLE_NAME);
    expect(res.body.data.tiers.map((t: { fromPrice: string; increment: string }) => [Number(t.fromPrice), Number(t.increment)])).toEqual(
      DEFAULT_CAR_INCREMENT_TIERS.map((t) => [t.fromPrice, t.increment]),
    );
    const list = await http().get('/api/increment-tables').set('Authorization', `Bearer ${bidder.jwt}`);
    expect(list.status).toBe(200);
    expect(list.body.data.map((t: { documentId: string }) => t.documentId)).toContain(defaultTable);
  });

  test('nobody writes tables through the content API', async () => {
    // No write routes at all (the panel writes through the Content Manager).
    expect([404, 405]).toContain(
      (
        await http()
          .post('/api/increment-tables')
          .send({ data: { name: 'x' } })
      ).status,
    );
    const del = await http().delete(`/api/increment-tables/${defaultTable}`).set('Authorization', `Bearer ${bidder.jwt}`);
    expect([404, 405]).toContain(del.status);
    expect(await defaultIncrementTableId(strapi)).toBe(defaultTable);
  });

  test('the admin API finds it too, as the bench and the e2e suite look it up', async () => {
    const server = strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const session = await adminLogin(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      expect(await defaultIncrementTableIdOverHttp(session)).toBe(defaultTable);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('is seeded once: a later start neither overwrites an edit nor adds a second table of that name', async () => {
    const tables = strapi.documents('api::increment-table.increment-table');
    const tiersNow = async () => {
      const table = (await tables.findOne({ documentId: defaultTable, populate: ['tiers'] })) as unknown as {
        tiers: { fromPrice: string; increment: string }[];
      };
      return table.tiers.map((t) => [Number(t.fromPrice), Number(t.increment)]);
    };
    await tables.update({ documentId: defaultTable, data: { tiers: [{ fromPrice: 0, increment: 4_200 }] } as never });
    try {
      await seedDefaultIncrementTable(strapi);
      expect(await tiersNow()).toEqual([[0, 4_200]]);
      // A database from before the seed's flag, that has the table already: kept as it is.
      await strapi.store.delete({ type: 'plugin', name: 'car-auction', key: 'default-increment-table-seeded-at' });
      await seedDefaultIncrementTable(strapi);
      expect(await tiersNow()).toEqual([[0, 4_200]]);
      expect(await tables.findMany({ filters: { name: DEFAULT_CAR_INCREMENT_TABLE_NAME } as never })).toHaveLength(1);
    } finally {
      await tables.update({ documentId: defaultTable, data: { tiers: DEFAULT_CAR_INCREMENT_TIERS.map((t) => ({ ...t })) } as never });
    }
    expect(await tiersNow()).toEqual(DEFAULT_CAR_INCREMENT_TIERS.map((t) => [t.fromPrice, t.increment]));
  });
});

describe('an auction using a table', () => {
  test('has the tiers and the soft-close cap in its Redis configuration, and the pre-check follows the table', async () => {
    const id = await createAuction(strapi, {
      startingPrice: 1_000_000,
      minIncrement: 100,
      softCloseCapSeconds: 600,
      incrementTable: defaultTable,
    });
    const fresh = await stateOf(id);
    expect(fresh).toMatchObject({
      increments: encodeIncrementTiers(DEFAULT_CAR_INCREMENT_TIERS),
      softCloseCapMs: '600000',
      minNextBid: '1000000',
      increment: String(incrementAt(DEFAULT_CAR_INCREMENT_TIERS, 1_000_000)),
    });

    // At $12,000.00 the table's step applies, not the auction's fixed $1.00.
    const price = 1_200_000;
    const minimum = price + incrementAt(DEFAULT_CAR_INCREMENT_TIERS, price);
    expect(minimum).toBeGreaterThan(price + 100);
    await standAt(id, price);
    expect((await stateOf(id)).minNextBid).toBe(String(minimum));
    const before = await topicEnd();
    const low = await bid(id, { amount: minimum - 1 });
    expect(low.status).toBe(422);
    expect(low.body.error).toMatchObject({
      message: `Your bid must be at least ${minimum} cents`,
      details: { code: 'bid_too_low', minimumBid: minimum },
    });
    const lowMax = await bid(id, { amount: price + 100, maxAmount: minimum - 1 });
    expect(lowMax.body.error.details).toEqual({ code: 'max_below_minimum', minimumBid: minimum });
    expect(await topicEnd()).toEqual(before);
    expect((await bid(id, { amount: minimum })).status).toBe(202);
  });

  test('an auction without a table keeps its fixed increment and no cap', async () => {
    const id = await createAuction(strapi, { startingPrice: 1_000_000, minIncrement: 100 });
    await standAt(id, 1_200_000);
    expect(await stateOf(id)).toMatchObject({ increments: '', softCloseCapMs: '0', minNextBid: '1200100', increment: '100' });
  });

  test('editing the table in the panel re-syncs every published auction using it; deleting it leaves them on their fixed increment', async () => {
    const { table, name } = await createTable([
      { fromPrice: 0, increment: 1_000 },
      { fromPrice: 50_000, increment: 2_000 },
    ]);
    const [first, second] = [
      await createAuction(strapi, { incrementTable: table }),
      await createAuction(strapi, { incrementTable: table }),
    ];
    const other = await createAuction(strapi, { incrementTable: defaultTable });
    const otherBefore = await stateOf(other);
    await standAt(first!, 60_000);
    await standAt(second!, 10_000);
    expect((await stateOf(first!)).minNextBid).toBe('62000');

    const edited = await panel.put(`${TABLES}/${table}`, {
      name,
      tiers: [
        { fromPrice: '0', increment: '1500' },
        { fromPrice: '40000', increment: '3000' },
      ],
    });
    expect(edited.status).toBe(200);
    expect(await stateOf(first!)).toMatchObject({ increments: '0:1500,40000:3000', minNextBid: '63000', increment: '3000' });
    expect(await stateOf(second!)).toMatchObject({ increments: '0:1500,40000:3000', minNextBid: '11500' });
    expect((await bid(first!, { amount: 62_999 })).body.error.details).toEqual({ code: 'bid_too_low', minimumBid: 63_000 });
    // An auction on another table is left as it was.
    expect((await stateOf(other)).increments).toBe(otherBefore.increments);

    expect((await panel.delete(`${TABLES}/${table}`)).status).toBe(200);
    // The fixtures' fixed increment: 5,000.
    expect(await stateOf(first!)).toMatchObject({ increments: '', minNextBid: '65000', increment: '5000' });
  });
});

describe('a table the auction library cannot use is refused with a 400 that says why', () => {
  const cases: Array<[string, unknown, string]> = [
    ['no tiers', [], 'Invalid increment table: an increment table needs at least one tier'],
    [
      'a first tier not from 0',
      [{ fromPrice: '100', increment: '50' }],
      'Invalid increment table: the first tier must start at a price of 0',
    ],
    [
      'prices that do not rise',
      [
        { fromPrice: '0', increment: '50' },
        { fromPrice: '5000', increment: '100' },
        { fromPrice: '5000', increment: '200' },
      ],
      'Invalid increment table: each tier must start at a higher price than the one before',
    ],
    [
      'an increment of 0',
      [
        { fromPrice: '0', increment: '50' },
        { fromPrice: '5000', increment: '0' },
      ],
      'Invalid increment table: tier 2: increment must be a whole number of cents, 1 or more',
    ],
    [
      'an increment that is not whole cents',
      [{ fromPrice: '0', increment: '12.5' }],
      'Invalid increment table: tier 1: increment must be a whole number of cents, 1 or more',
    ],
    [
      'a price that is not a number',
      [{ fromPrice: 'zero', increment: '50' }],
      'Invalid increment table: tier 1: fromPrice must be a whole number of cents, 0 or more',
    ],
  ];

  test.each(cases)('on create: %s', async (_name, tiers, message) => {
    const res = await panel.post(TABLES, { name: tableName(), tiers });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'ValidationError' });
    expect(res.body.error.message).toBe(message);
  });

  test('on update, and the table keeps its tiers', async () => {
    const { table, name } = await createTable([{ fromPrice: 0, increment: 700 }]);
    const res = await panel.put(`${TABLES}/${table}`, { name, tiers: [{ fromPrice: '10', increment: '700' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Invalid increment table: the first tier must start at a price of 0');
    const stored = await strapi.documents('api::increment-table.increment-table').findOne({ documentId: table, populate: ['tiers'] });
    expect((stored as unknown as { tiers: { fromPrice: string }[] }).tiers.map((t) => Number(t.fromPrice))).toEqual([0]);
  });

  test('through the document service too (code, seeds)', async () => {
    await expect(
      strapi.documents('api::increment-table.increment-table').create({ data: { name: tableName(), tiers: [] } as never }),
    ).rejects.toMatchObject({ name: 'ValidationError', message: 'Invalid increment table: an increment table needs at least one tier' });
  });
});

describe('public auction answers carry the minimum next bid and the increment, never a maximum or the leader', () => {
  let id: string;

  beforeAll(async () => {
    id = await createAuction(strapi, { startingPrice: 1_000_000, minIncrement: 100, incrementTable: defaultTable });
    // A leader with a maximum no other number here equals, so its digits anywhere would be a leak.
    await withRedis((r) =>
      r.hset(auctionStateKey(id), 'leaderMax', 987_654_321, 'leaderBidId', 'secret-bid', 'leaderUsername', 'secretive-leader'),
    );
    await standAt(id, 1_200_000);
  });

  const increment = incrementAt(DEFAULT_CAR_INCREMENT_TIERS, 1_200_000);
  const expected = { minimumNextBid: 1_200_000 + increment, increment };

  test('one auction, the list and the live list', async () => {
    const one = await http().get(`/api/auctions/${id}`);
    expect(one.status).toBe(200);
    const parsed = publicAuctionOneSchema.parse(one.body).data;
    expect(parsed).toMatchObject(expected);
    for (const url of ['/api/auctions?pagination[pageSize]=100&sort=createdAt:desc', '/api/auctions/live']) {
      const res = await http().get(url);
      expect(res.status).toBe(200);
      const mine = publicAuctionListSchema.parse(res.body).data.find((a) => a.documentId === id);
      expect(mine).toMatchObject(expected);
    }
    for (const res of [one, await http().get('/api/auctions/live'), await http().get('/api/auctions?populate=*')]) {
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/leaderMax|leaderId|maxAmount|leaderBidId|secretive-leader|secret-bid/);
      expect(text).not.toContain('987654321');
    }
  });

  test('Redis unreachable: null, and the answer is still a 200', async () => {
    const state = getService(strapi, 'api::auction.auction-state');
    const spy = jest.spyOn(state, 'redisReady').mockReturnValue(false);
    try {
      const res = await http().get(`/api/auctions/${id}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ minimumNextBid: null, increment: null });
    } finally {
      spy.mockRestore();
    }
  });
});
