import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { auctionStateKey } from '@car-auction/contracts';
import { startStrapi, stopStrapi } from './helpers/strapi';
import { panelSession, type PanelSession } from './helpers/panel';
import { withRedis } from './helpers/fixtures';
import { getService } from '../src/utils/get-service';

/** Auctions as the Content Manager writes them: an editor's session, the panel's own endpoints. */
const AUCTIONS = '/content-manager/collection-types/api::auction.auction';
const HOUR = 3_600_000;

let strapi: Core.Strapi;
let panel: PanelSession;
/** Every auction here is of one car: other suites expect each live auction to show its car. */
let carId: string;

const http = () => request(strapi.server.httpServer);

let counter = 0;
/** The form an editor fills in: every field the panel sends for a new auction, money as biginteger strings. */
const newAuctionForm = (overrides: Record<string, unknown> = {}) => ({
  title: `Editing test ${Date.now().toString(36)}-${counter++}`,
  startsAt: new Date(Date.now() - HOUR).toISOString(),
  endsAt: new Date(Date.now() + HOUR).toISOString(),
  currency: 'USD',
  startingPrice: '100000',
  minIncrement: '5000',
  softCloseSeconds: 120,
  softCloseCapSeconds: 0,
  car: { connect: [{ documentId: carId }], disconnect: [] },
  bidCount: 0,
  saleStatus: 'scheduled',
  ...overrides,
});

/** The message the panel shows under a field, from a refused save. */
const fieldErrorOf = (res: request.Response) => {
  const first = res.body?.error?.details?.errors?.[0] as { path: string[]; message: string } | undefined;
  return { status: res.status, field: first?.path.join('.'), message: first?.message };
};

const createPublished = async (form: Record<string, unknown> = {}) => {
  const res = await panel.post(`${AUCTIONS}/actions/publish`, newAuctionForm(form));
  expect(res.status).toBe(200);
  return res.body.data as Record<string, unknown> & { documentId: string };
};

/** The row as stored (draft), straight from the database. */
const stored = (documentId: string) =>
  strapi.db.query('api::auction.auction').findOne({ where: { documentId, publishedAt: null } }) as Promise<Record<string, unknown>>;

/** What the worker's post-back does (auction-projection service): one newer projection. */
const project = (documentId: string, version: number, currentPrice: number, bidCount: number) =>
  getService(strapi, 'api::auction-projection.auction-projection').applyBatch([
    {
      auctionId: documentId,
      projection: {
        version,
        currentPrice,
        leaderUserId: 1,
        leaderName: 'b*****1',
        bidCount,
        saleStatus: 'live',
        endsAt: Date.now() + HOUR,
      },
    },
  ]);

beforeAll(async () => {
  strapi = await startStrapi();
  panel = await panelSession(strapi, 'editor');
  const car = await strapi.documents('api::car.car').create({
    data: {
      make: 'Editing',
      model: 'Test',
      year: 2001,
      mileage: 1,
      mileageUnit: 'km',
      vin: `EDT${Date.now()}`,
      bodyStyle: 'coupe',
      colour: 'Grey',
      transmission: 'manual',
    } as never,
    status: 'published',
  });
  carId = car.documentId;
});

afterAll(async () => {
  await stopStrapi();
});

describe('an editor creating an auction', () => {
  test('is told, under the end, that it must come after the start; nothing is stored', async () => {
    const title = `Backwards ${Date.now()}`;
    const res = await panel.post(
      `${AUCTIONS}/actions/publish`,
      newAuctionForm({ title, endsAt: new Date(Date.now() - 2 * HOUR).toISOString() }),
    );
    expect(fieldErrorOf(res)).toEqual({ status: 400, field: 'endsAt', message: 'The end must be after the start.' });
    expect(await strapi.db.query('api::auction.auction').count({ where: { title } })).toBe(0);
  });

  test('is told, under the reserve, that it must be at or above the starting price', async () => {
    const res = await panel.post(`${AUCTIONS}/actions/publish`, newAuctionForm({ reservePrice: '99999' }));
    expect(fieldErrorOf(res)).toEqual({
      status: 400,
      field: 'reservePrice',
      message: 'The reserve price must be at or above the starting price.',
    });
    expect((await panel.post(`${AUCTIONS}/actions/publish`, newAuctionForm({ reservePrice: '100000' }))).status).toBe(200);
    expect(fieldErrorOf(await panel.post(`${AUCTIONS}/actions/publish`, newAuctionForm({ startingPrice: '0' })))).toEqual({
      status: 400,
      field: 'startingPrice',
      message: 'The starting price must be above zero.',
    });
  });

  test('may send the engine-owned fields as a new form holds them, but not set them', async () => {
    const created = await createPublished();
    expect({ bidCount: created.bidCount, saleStatus: created.saleStatus, currentPrice: created.currentPrice }).toEqual({
      bidCount: 0,
      saleStatus: 'scheduled',
      currentPrice: null,
    });
    const res = await panel.post(`${AUCTIONS}/actions/publish`, newAuctionForm({ currentPrice: '500000' }));
    expect(fieldErrorOf(res)).toEqual({
      status: 400,
      field: 'currentPrice',
      message: 'The current price is set by the bidding engine and cannot be edited.',
    });
  });
});

describe('an editor changing an auction', () => {
  test('cannot change a field the bidding engine owns; the stored value stays', async () => {
    const { documentId } = await createPublished();
    await project(documentId, 3, 110_000, 2);
    const form = (await panel.get(`${AUCTIONS}/${documentId}`)).body.data as Record<string, unknown>;
    for (const [field, value, label] of [
      ['currentPrice', '1', 'The current price'],
      ['bidCount', 0, 'The bid count'],
      ['saleStatus', 'sold', 'The sale status'],
      ['leaderName', 'me', 'The leader'],
      ['projectionVersion', '99', 'The projection version'],
    ] as const) {
      const res = await panel.put(`${AUCTIONS}/${documentId}`, { ...form, [field]: value });
      expect(fieldErrorOf(res)).toEqual({ status: 400, field, message: `${label} is set by the bidding engine and cannot be edited.` });
    }
    expect(await stored(documentId)).toMatchObject({ currentPrice: '110000', bidCount: 2, saleStatus: 'live', leaderName: 'b*****1' });
  });

  test('saves a form loaded before the engine last wrote, without putting its old price back', async () => {
    const { documentId } = await createPublished();
    await project(documentId, 1, 105_000, 1);
    const form = (await panel.get(`${AUCTIONS}/${documentId}`)).body.data as Record<string, unknown>;
    // Bids arrive while the editor types.
    await project(documentId, 2, 115_000, 3);
    const res = await panel.put(`${AUCTIONS}/${documentId}`, { ...form, title: `${String(form.title)} (edited)` });
    expect(res.status).toBe(200);
    expect(await stored(documentId)).toMatchObject({ title: `${String(form.title)} (edited)`, currentPrice: '115000', bidCount: 3 });
  });

  test('once bidding has started: the start and prices are fixed, the end only moves earlier', async () => {
    const { documentId } = await createPublished();
    await project(documentId, 1, 105_000, 1);
    const form = (await panel.get(`${AUCTIONS}/${documentId}`)).body.data as Record<string, unknown>;
    const refused = (field: string, value: unknown) => panel.put(`${AUCTIONS}/${documentId}`, { ...form, [field]: value });
    const fixed = (label: string) => `${label} can no longer change: this auction has 1 bid. You can still end it early or withdraw it.`;
    expect(fieldErrorOf(await refused('startingPrice', '90000'))).toEqual({
      status: 400,
      field: 'startingPrice',
      message: fixed('The starting price'),
    });
    expect(fieldErrorOf(await refused('reservePrice', '200000'))).toEqual({
      status: 400,
      field: 'reservePrice',
      message: fixed('The reserve price'),
    });
    expect(fieldErrorOf(await refused('startsAt', new Date(Date.now() - 2 * HOUR).toISOString()))).toEqual({
      status: 400,
      field: 'startsAt',
      message: fixed('The start'),
    });
    expect(fieldErrorOf(await refused('endsAt', new Date(Date.now() + 5 * HOUR).toISOString()))).toEqual({
      status: 400,
      field: 'endsAt',
      message: 'The end can only move earlier now: this auction has 1 bid.',
    });
    const earlier = new Date(Date.now() + HOUR / 2).toISOString();
    expect((await refused('endsAt', earlier)).status).toBe(200);
    expect(new Date((await stored(documentId)).endsAt as string).toISOString()).toBe(earlier);
  });

  test("counts the engine's bids in Redis before the post-back has arrived", async () => {
    const { documentId } = await createPublished();
    await withRedis((r) => r.hset(auctionStateKey(documentId), 'bidCount', 4, 'currentPrice', 120_000, 'seq', 4, 'leaderId', 9));
    const form = (await panel.get(`${AUCTIONS}/${documentId}`)).body.data as Record<string, unknown>;
    const res = await panel.put(`${AUCTIONS}/${documentId}`, { ...form, minIncrement: '1000' });
    expect(fieldErrorOf(res)).toMatchObject({ status: 400, field: 'minIncrement' });
    expect(fieldErrorOf(res).message).toContain('this auction has 4 bids');
  });

  test('before any bid, the prices and times change freely', async () => {
    const { documentId } = await createPublished();
    const form = (await panel.get(`${AUCTIONS}/${documentId}`)).body.data as Record<string, unknown>;
    const res = await panel.put(`${AUCTIONS}/${documentId}`, { ...form, startingPrice: '80000', reservePrice: '90000' });
    expect(res.status).toBe(200);
    expect(await stored(documentId)).toMatchObject({ startingPrice: '80000', reservePrice: '90000' });
  });
});

describe('an editor duplicating an auction', () => {
  test("gets a new auction with none of the original's bids, price, leader or version", async () => {
    const { documentId } = await createPublished();
    await project(documentId, 7, 130_000, 4);
    const form = (await panel.get(`${AUCTIONS}/${documentId}`)).body.data as Record<string, unknown>;
    const { id: _id, documentId: _doc, ...copy } = form;
    const cloned = await panel.post(`${AUCTIONS}/clone/${documentId}`, { ...copy, title: `${String(form.title)} (relisted)` });
    expect(cloned.status).toBe(200);
    expect(await stored(cloned.body.data.documentId)).toMatchObject({
      currentPrice: null,
      bidCount: 0,
      saleStatus: 'scheduled',
      leaderName: null,
      leaderUserId: null,
      projectionVersion: null,
    });
  });

  test('cannot give the copy engine-owned values: they start fresh', async () => {
    const { documentId } = await createPublished();
    const res = await panel.post(`${AUCTIONS}/clone/${documentId}`, { saleStatus: 'sold', currentPrice: '1', projectionVersion: '999999' });
    expect(res.status).toBe(200);
    expect(await stored(res.body.data.documentId)).toMatchObject({ saleStatus: 'scheduled', currentPrice: null, projectionVersion: null });
  });
});

describe('the content API', () => {
  test('has no route that writes an auction', async () => {
    const { documentId } = await createPublished();
    const put = await http()
      .put(`/api/auctions/${documentId}`)
      .send({ data: { currentPrice: 1 } });
    expect([403, 404, 405]).toContain(put.status);
    expect(await stored(documentId)).toMatchObject({ currentPrice: null });
  });
});
