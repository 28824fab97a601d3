import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from './helpers/strapi';
import { publicAuctionListSchema, publicAuctionOneSchema } from '@car-auction/contracts';
import { createAuction, registerBidder, type Bidder } from './helpers/fixtures';

// A reserve no other field can equal, so its digits appearing anywhere is a leak.
const RESERVE = 7_777_777_123;

let strapi: Core.Strapi;
let bidder: Bidder;
let live: string;
let upcoming: string;
let ended: string;

const http = () => request(strapi.server.httpServer);

beforeAll(async () => {
  strapi = await startStrapi();
  bidder = await registerBidder(strapi);
  live = await createAuction(strapi, { reservePrice: RESERVE });
  upcoming = await createAuction(strapi, { startsInMs: 3_600_000, endsInMs: 7_200_000, reservePrice: RESERVE });
  ended = await createAuction(strapi, { startsInMs: -7_200_000, endsInMs: -60_000, reservePrice: RESERVE });
});

afterAll(async () => {
  await stopStrapi();
});

describe('nobody but admins writes the catalogue', () => {
  const writes = (kind: 'cars' | 'auctions', id: string) =>
    [
      [
        'create',
        () =>
          http()
            .post(`/api/${kind}`)
            .send({ data: { title: 'x', make: 'x' } }),
      ],
      [
        'update',
        () =>
          http()
            .put(`/api/${kind}/${id}`)
            .send({ data: { title: 'changed', make: 'changed' } }),
      ],
      ['delete', () => http().delete(`/api/${kind}/${id}`)],
    ] as const;

  test.each(['cars', 'auctions'] as const)('public and authenticated bidders cannot write %s', async (kind) => {
    const auction = await strapi.documents('api::auction.auction').findOne({ documentId: live, populate: ['car'] });
    const id = kind === 'auctions' ? live : (auction as unknown as { car: { documentId: string } }).car.documentId;
    for (const [, send] of writes(kind, id)) {
      expect((await send()).status).toBe(403);
      expect((await send().set('Authorization', `Bearer ${bidder.jwt}`)).status).toBe(403);
    }
    const after = await strapi.documents('api::auction.auction').findOne({ documentId: live, status: 'published' });
    expect(after?.title).not.toBe('changed');
  });

  test('a write permission granted by hand is taken back at the next bootstrap', async () => {
    const { ensureRolePermissions } = await import('../src/bootstrap/permissions');
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    await strapi.db.query('plugin::users-permissions.permission').create({ data: { action: 'api::car.car.create', role: role.id } });
    await ensureRolePermissions(strapi);
    const stray = await strapi.db
      .query('plugin::users-permissions.permission')
      .findMany({ where: { role: role.id, action: 'api::car.car.create' } });
    expect(stray).toHaveLength(0);
  });
});

describe('the reserve price never appears in a public response', () => {
  const urls = () => [
    '/api/auctions',
    `/api/auctions/${live}`,
    '/api/auctions/live',
    '/api/auctions?populate=*',
    '/api/cars?populate=auctions',
    `/api/auctions?fields[0]=reservePrice`,
    `/api/auctions?populate[car][populate][auctions][fields][0]=reservePrice`,
  ];

  test.each([false, true])('as %s', async (authenticated) => {
    for (const url of urls()) {
      const req = http().get(url);
      if (authenticated) req.set('Authorization', `Bearer ${bidder.jwt}`);
      const res = await req;
      const text = JSON.stringify(res.body);
      // Asking for the field by name is refused (a 400 that names the key, not its value).
      if (url.includes('reservePrice')) expect(res.status).toBe(400);
      else {
        expect(res.status).toBe(200);
        expect(text).not.toMatch(/reservePrice/);
      }
      expect(text).not.toContain(String(RESERVE));
    }
  });

  test('filtering by the reserve is refused, so it cannot be guessed', async () => {
    const res = await http().get(`/api/auctions?filters[reservePrice][$gt]=0`);
    expect(res.status).toBe(400);
  });
});

describe('GET /api/auctions/live', () => {
  test('lists live auctions only, with car and photos, and the server time', async () => {
    const res = await http().get('/api/auctions/live');
    expect(res.status).toBe(200);
    const ids = res.body.data.map((a: { documentId: string }) => a.documentId);
    expect(ids).toContain(live);
    expect(ids).not.toContain(upcoming);
    expect(ids).not.toContain(ended);
    const now = Date.now();
    for (const auction of res.body.data) {
      expect(Date.parse(auction.startsAt)).toBeLessThanOrEqual(now);
      // Live until its effective end (closesAt: endsAt moved by soft close), which may be after endsAt.
      expect(new Date(auction.closesAt ?? auction.endsAt).getTime()).toBeGreaterThan(now - 5_000);
      expect(auction.car).toEqual(expect.objectContaining({ make: expect.any(String), vin: expect.any(String) }));
    }
    // The demo seed (on in tests too) gives live auctions with photos.
    const withPhotos = (res.body.data as { car?: { photos?: { url: string }[] } }[]).filter((a) => (a.car?.photos?.length ?? 0) > 0);
    expect(withPhotos.length).toBeGreaterThan(0);
    expect(withPhotos[0]!.car!.photos![0]!.url).toMatch(/^\/uploads\/.+\.jpg$/);
    expect(typeof res.body.meta.serverTime).toBe('number');
  });
});

describe('bidder accounts', () => {
  test('register, then log in with a short-lived access token and a refresh token', async () => {
    const res = await http().post('/api/auth/local').send({ identifier: bidder.username, password: 'Secret-pass-123' });
    expect(res.status).toBe(200);
    expect(res.body.jwt).toEqual(expect.any(String));
    expect(res.body.refreshToken).toEqual(expect.any(String));
    const me = await http().get('/api/users/me').set('Authorization', `Bearer ${res.body.jwt}`);
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(bidder.username);
    const refreshed = await http().post('/api/auth/refresh').send({ refreshToken: res.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.jwt).toEqual(expect.any(String));
  });

  test('a wrong password is refused with a message', async () => {
    const res = await http().post('/api/auth/local').send({ identifier: bidder.username, password: 'wrong-Pass-1' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/invalid/i);
  });
});

describe('content editors in the admin panel', () => {
  let token: string;
  const admin = () => ({
    get: (url: string) => http().get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: object) => http().post(url).set('Authorization', `Bearer ${token}`).send(body),
    put: (url: string, body: object) => http().put(url).set('Authorization', `Bearer ${token}`).send(body),
  });

  beforeAll(async () => {
    const res = await http().post('/admin/login').send({ email: 'editor@car-auction.local', password: 'Editor-pass-1234' });
    expect(res.status).toBe(200);
    token = res.body.data.token;
  });

  test('the seeded editor can create and publish a car and an auction', async () => {
    const car = await admin().post('/content-manager/collection-types/api::car.car', {
      make: 'Alfa Romeo',
      model: 'Giulia Sprint GT',
      year: 1966,
      mileage: 90000,
      mileageUnit: 'km',
      vin: 'AR242999',
      bodyStyle: 'coupe',
      colour: 'Rosso',
      transmission: 'manual',
    });
    expect(car.status).toBe(201);
    const carId = car.body.data.documentId;
    const published = await admin().post(`/content-manager/collection-types/api::car.car/${carId}/actions/publish`, {});
    expect(published.status).toBe(200);

    const auction = await admin().post('/content-manager/collection-types/api::auction.auction', {
      title: 'Giulia by an editor',
      car: carId,
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      startingPrice: '1000000',
      minIncrement: '10000',
    });
    expect(auction.status).toBe(201);
    const auctionId = auction.body.data.documentId;
    const edited = await admin().put(`/content-manager/collection-types/api::auction.auction/${auctionId}`, {
      title: 'Giulia by an editor (edited)',
    });
    expect(edited.status).toBe(200);
    expect((await admin().post(`/content-manager/collection-types/api::auction.auction/${auctionId}/actions/publish`, {})).status).toBe(
      200,
    );
    const pub = await http().get(`/api/auctions/${auctionId}`);
    expect(pub.status).toBe(200);
    expect(pub.body.data.title).toBe('Giulia by an editor (edited)');
  });

  test('the editor cannot change settings, roles or permissions', async () => {
    const roles = await strapi.db.query('admin::role').findMany({});
    const editorRole = roles.find((r: { code: string }) => r.code === 'strapi-editor');
    expect((await admin().put(`/admin/roles/${editorRole.id}/permissions`, { permissions: [] })).status).toBe(403);
    expect((await admin().get('/admin/users')).status).toBe(403);
    expect((await admin().post('/admin/api-tokens', { name: 'x', type: 'full-access' })).status).toBe(403);
    expect((await admin().get('/users-permissions/roles')).status).toBe(403);
    expect((await admin().put('/users-permissions/advanced', { unique_email: false })).status).toBe(403);
  });
});

describe('what a bidder screen needs beyond the stored fields', () => {
  test('the reserve is reported only as none, not met or met', async () => {
    const noReserve = await createAuction(strapi, {});
    const met = await createAuction(strapi, { reservePrice: 200_000 });
    await strapi.db.query('api::auction.auction').updateMany({ where: { documentId: met }, data: { currentPrice: 200_000, bidCount: 3 } });
    const statusOf = async (id: string) => (await http().get(`/api/auctions/${id}`)).body.data.reserveStatus;
    expect(await statusOf(noReserve)).toBe('none');
    expect(await statusOf(live)).toBe('not_met');
    expect(await statusOf(met)).toBe('met');
    const listed = (await http().get('/api/auctions/live')).body.data as { documentId: string; reserveStatus: string }[];
    expect(listed.find((a) => a.documentId === met)?.reserveStatus).toBe('met');
    expect(listed.find((a) => a.documentId === live)?.reserveStatus).toBe('not_met');
  });

  test('lists and single auctions carry the server clock and match the app contract', async () => {
    const before = Date.now();
    const list = await http().get('/api/auctions?populate[car][populate]=photos&sort=endsAt:desc');
    const one = await http().get(`/api/auctions/${live}?populate[car][populate]=photos`);
    const liveList = await http().get('/api/auctions/live');
    for (const res of [list, one, liveList]) {
      expect(res.status).toBe(200);
      expect(res.body.meta.serverTime).toBeGreaterThanOrEqual(before);
      expect(res.body.meta.serverTime).toBeLessThanOrEqual(Date.now());
    }
    // The bidding app parses these bodies with the shared schemas; a drift fails here first.
    expect(publicAuctionListSchema.safeParse(list.body).error).toBeUndefined();
    expect(publicAuctionListSchema.safeParse(liveList.body).error).toBeUndefined();
    const parsed = publicAuctionOneSchema.parse(one.body);
    expect(parsed.data).toMatchObject({ documentId: live, currency: 'USD', startingPrice: 100_000, reserveStatus: 'not_met' });
    expect(list.body.meta.pagination).toEqual(expect.objectContaining({ page: 1 }));
  });

  test('an unknown auction is a 404, not a 500', async () => {
    const res = await http().get('/api/auctions/nosuchauction000000000000');
    expect(res.status).toBe(404);
  });
});

test('the SQLite database runs in WAL mode with NORMAL sync, so writes do not stall the event loop on fsyncs', async () => {
  const mode = await strapi.db.connection.raw('PRAGMA journal_mode');
  const sync = await strapi.db.connection.raw('PRAGMA synchronous');
  expect(JSON.stringify(mode)).toMatch(/wal/i);
  // 1 = NORMAL (2 would be FULL).
  expect(JSON.stringify(sync)).toMatch(/"synchronous":1/);
});
