import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from './helpers/strapi';
import { panelSession, type PanelSession } from './helpers/panel';
import { createAuction, registerBidder } from './helpers/fixtures';
import { getService } from '../src/utils/get-service';
import { applyContentManagerConfiguration } from '../src/bootstrap/content-manager-config';
import { AUCTION_LAYOUT } from '../src/bootstrap/panel-layouts';
import { WORKER_OWNED_FIELDS } from '../src/documents/auction-edit-rules';

let strapi: Core.Strapi;
let editor: PanelSession;
let admin: PanelSession;

const http = () => request(strapi.server.httpServer);

interface Configuration {
  settings: Record<string, unknown>;
  metadatas: Record<string, { edit: Record<string, unknown>; list: Record<string, unknown> }>;
  layouts: { edit: Array<Array<{ name: string; size: number }>>; list: string[] };
}
/** The configuration the panel loads for a content type, as the editor's panel asks for it. */
const configurationOf = async (uid: string): Promise<Configuration> => {
  const res = await editor.get(`/content-manager/content-types/${uid}/configuration`);
  expect(res.status).toBe(200);
  return res.body.data.contentType as Configuration;
};

const SALES = '/content-manager/collection-types/api::sale.sale';
const WORKER_TOKEN = process.env.WORKER_API_TOKEN ?? 'dev-only-worker-api-token-change-me';

beforeAll(async () => {
  strapi = await startStrapi();
  editor = await panelSession(strapi, 'editor');
  admin = await panelSession(strapi, 'admin');
});

afterAll(async () => {
  await stopStrapi();
});

describe('the auction form and list in the panel', () => {
  test('every field has a label and help an editor reads; the engine-owned ones are read-only', async () => {
    const config = await configurationOf('api::auction.auction');
    expect(config.metadatas.startingPrice!.edit).toMatchObject({
      label: 'Starting price',
      description: 'The first bid must be at least this.',
      editable: true,
    });
    expect(config.metadatas.softCloseSeconds!.edit.label).toBe('Soft close (seconds)');
    for (const field of WORKER_OWNED_FIELDS)
      expect({ field, editable: config.metadatas[field]!.edit.editable }).toEqual({ field, editable: false });
    for (const [field, text] of Object.entries(AUCTION_LAYOUT.fields)) {
      expect({ field, label: config.metadatas[field]!.edit.label }).toEqual({ field, label: text.label });
    }
  });

  test('the form is grouped as in panel-layouts.ts, the list shows what an editor scans, sorted by end', async () => {
    const config = await configurationOf('api::auction.auction');
    expect(config.layouts.edit.map((row) => row.map((f) => f.name))).toEqual(AUCTION_LAYOUT.edit.map((row) => row.map(([name]) => name)));
    expect(config.layouts.list).toEqual(['title', 'car', 'startsAt', 'endsAt', 'currentPrice', 'bidCount', 'saleStatus']);
    expect(config.metadatas.currentPrice!.list.label).toBe('Price');
    expect(config.settings).toMatchObject({ mainField: 'title', defaultSortBy: 'endsAt', defaultSortOrder: 'DESC' });
  });

  test('money fields are the money custom field over biginteger cents', async () => {
    const res = await editor.get('/content-manager/content-types');
    expect(res.status).toBe(200);
    const auction = (res.body.data as Array<{ uid: string; attributes: Record<string, { type: string; customField?: string }> }>).find(
      (ct) => ct.uid === 'api::auction.auction',
    )!;
    for (const field of ['startingPrice', 'minIncrement', 'reservePrice', 'currentPrice']) {
      expect({ field, ...auction.attributes[field] }).toMatchObject({ field, type: 'biginteger', customField: 'plugin::money.money' });
    }
  });

  test('applying the configuration again changes nothing', async () => {
    const before = await configurationOf('api::auction.auction');
    await applyContentManagerConfiguration(strapi);
    expect(await configurationOf('api::auction.auction')).toEqual(before);
  });
});

describe('sales', () => {
  /** The worker's post-back of a sold close, over HTTP as the worker sends it (a request: the sale is a system write). */
  const sellAt = async (documentId: string, version: number, price: number, leaderUserId: number) => {
    const projection = {
      version,
      currentPrice: price,
      leaderUserId,
      leaderName: 'w*****r',
      bidCount: 3,
      saleStatus: 'sold',
      endsAt: Date.now(),
    };
    const res = await http()
      .put('/api/internal/auctions/projections')
      .set('Authorization', `Bearer ${WORKER_TOKEN}`)
      .send({ data: [{ auctionId: documentId, projection }] });
    expect(res.status).toBe(200);
  };
  const salesOf = (auctionDocumentId: string) =>
    strapi.db.query('api::sale.sale').findMany({ where: { auctionDocumentId }, populate: { winner: true, auction: true } }) as Promise<
      Array<Record<string, unknown> & { documentId: string; winner: { id: number } | null; auction: { documentId: string } | null }>
    >;

  test('an auction that closes sold gets one sale, with the premium configured, however often the close is posted', async () => {
    const winner = await registerBidder(strapi);
    const auctionId = await createAuction(strapi);
    await sellAt(auctionId, 5, 1_234_567, winner.id);
    await sellAt(auctionId, 5, 1_234_567, winner.id);
    await sellAt(auctionId, 6, 1_234_567, winner.id);
    const sales = await salesOf(auctionId);
    expect(sales).toHaveLength(1);
    // 5 % of $12,345.67 is $617.2835: 61,728 cents.
    expect(sales[0]).toMatchObject({
      hammerPrice: '1234567',
      buyerPremiumPercent: 5,
      buyerPremium: '61728',
      total: '1296295',
      paymentStatus: 'awaiting_payment',
      winnerUsername: winner.username,
      currency: 'USD',
    });
    expect(sales[0]!.winner?.id).toBe(winner.id);
    expect(sales[0]!.auction?.documentId).toBe(auctionId);
  });

  test('an unsold close records no sale; a sold auction missed while the cms was away is recorded at the next start', async () => {
    const auctionId = await createAuction(strapi);
    await getService(strapi, 'api::auction-projection.auction-projection').applyBatch([
      {
        auctionId,
        projection: {
          version: 2,
          currentPrice: 90_000,
          leaderUserId: 1,
          leaderName: 'x',
          bidCount: 1,
          saleStatus: 'unsold',
          endsAt: Date.now(),
        },
      },
    ]);
    expect(await salesOf(auctionId)).toHaveLength(0);
    const missed = await createAuction(strapi);
    await strapi.db
      .query('api::auction.auction')
      .updateMany({ where: { documentId: missed }, data: { saleStatus: 'sold', currentPrice: 150_000 } });
    expect(await getService(strapi, 'api::sale.sale-recorder').reconcile()).toBeGreaterThanOrEqual(1);
    expect(await salesOf(missed)).toHaveLength(1);
  });

  test('admins follow a sale up; its record of the close cannot be edited, nor can a sale be made by hand; editors do not see sales', async () => {
    const winner = await registerBidder(strapi);
    const auctionId = await createAuction(strapi);
    await sellAt(auctionId, 3, 500_000, winner.id);
    const [sale] = await salesOf(auctionId);
    const form = (await admin.get(`${SALES}/${sale!.documentId}`)).body.data as Record<string, unknown>;
    const paid = await admin.put(`${SALES}/${sale!.documentId}`, { ...form, paymentStatus: 'paid', notes: 'Wire received 2 Dec' });
    expect(paid.status).toBe(200);
    const forged = await admin.put(`${SALES}/${sale!.documentId}`, { ...form, hammerPrice: '1' });
    expect(forged.status).toBe(400);
    expect(forged.body.error.details.errors[0]).toMatchObject({
      path: ['hammerPrice'],
      message: 'Only the payment status and the notes of a sale can change: the rest records how its auction closed.',
    });
    expect((await salesOf(auctionId))[0]).toMatchObject({ paymentStatus: 'paid', notes: 'Wire received 2 Dec', hammerPrice: '500000' });
    const handmade = await admin.post(SALES, {
      title: 'x',
      auctionDocumentId: 'nope',
      hammerPrice: '1',
      buyerPremiumPercent: 1,
      buyerPremium: '0',
      total: '1',
      closedAt: new Date().toISOString(),
    });
    expect(handmade.status).toBe(403);
    expect((await editor.get(SALES)).status).toBe(403);
  });
});
