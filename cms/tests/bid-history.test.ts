import request from 'supertest';
import mongoose, { type Connection } from 'mongoose';
import type { Core } from '@strapi/strapi';
import { BID_LEDGER_COLLECTION, bidHistoryPageSchema, proxyRowId, toStoredLedgerRow, type BidLedgerRow } from '@car-auction/contracts';
import { startStrapi, stopStrapi } from './helpers/strapi';

// The ledger of a database of this file's own on the real FerretDB, not the one a local run uses.
const MONGO_URL = `mongodb://127.0.0.1:27017/cms-tests-history`;
process.env.MONGO_URL = MONGO_URL;

// Maximums no price here equals: their digits anywhere in an answer would be a leak.
const CAROL_MAX = 987_650;
const CAROL_RAISED_MAX = 999_990;
const ALICE_MAX = 300_000;

let strapi: Core.Strapi;
let ledger: Connection;
const auctionId = `hist${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const t0 = Date.UTC(2026, 0, 1);

type Row = Partial<BidLedgerRow> & Record<string, unknown>;
const row = (fields: Row): Row => ({
  auctionId,
  kind: 'bid',
  maxAmount: null,
  price: null,
  proxyFor: null,
  partition: 3,
  reason: null,
  after: null,
  decidedAt: new Date(),
  ...fields,
});

/**
 * One auction's ledger as the worker writes it (stream-worker's ledgerRowsOf),
 * with two rows from before maximums (no kind, no price), in offset order.
 */
const ROWS: Row[] = [
  // Before maximums: an accepted row set its amount; a rejected one set nothing.
  {
    auctionId,
    bidId: 'legacy-1',
    bidderId: 1,
    bidderUsername: 'oldtimer',
    amount: 100_000,
    placedAt: new Date(t0 + 1),
    partition: 3,
    offset: 10,
    outcome: 'accepted',
    reason: null,
    seq: 1,
    decidedAt: new Date(),
  },
  {
    auctionId,
    bidId: 'legacy-2',
    bidderId: 2,
    bidderUsername: 'latecomer',
    amount: 90_000,
    placedAt: new Date(t0 + 2),
    partition: 3,
    offset: 11,
    outcome: 'rejected',
    reason: 'below_minimum',
    seq: 1,
    decidedAt: new Date(),
  },
  // Alice leads with a maximum.
  row({
    bidId: 'a1',
    bidderId: 3,
    bidderUsername: 'alice',
    amount: 110_000,
    maxAmount: ALICE_MAX,
    price: 110_000,
    placedAt: new Date(t0 + 3),
    offset: 12,
    outcome: 'accepted',
    seq: 2,
  }),
  // Bob bids below it: outbid at once by an automatic bid for Alice (the same offset and seq).
  row({
    bidId: proxyRowId('b1'),
    kind: 'proxy',
    bidderId: 3,
    bidderUsername: 'alice',
    amount: 155_000,
    maxAmount: ALICE_MAX,
    price: 155_000,
    proxyFor: 'a1',
    placedAt: new Date(t0 + 4),
    offset: 13,
    outcome: 'accepted',
    seq: 3,
  }),
  row({
    bidId: 'b1',
    bidderId: 4,
    bidderUsername: 'bob',
    amount: 150_000,
    placedAt: new Date(t0 + 4),
    offset: 13,
    outcome: 'rejected',
    reason: 'outbid_by_maximum',
    seq: 3,
  }),
  // Carol's higher maximum: Alice's used up by an automatic bid, then Carol leads above it.
  row({
    bidId: proxyRowId('c1'),
    kind: 'proxy',
    bidderId: 3,
    bidderUsername: 'alice',
    amount: ALICE_MAX,
    maxAmount: ALICE_MAX,
    price: ALICE_MAX,
    proxyFor: 'a1',
    placedAt: new Date(t0 + 5),
    offset: 14,
    outcome: 'accepted',
    seq: 4,
  }),
  row({
    bidId: 'c1',
    bidderId: 5,
    bidderUsername: 'carol',
    amount: 200_000,
    maxAmount: CAROL_MAX,
    price: 310_000,
    placedAt: new Date(t0 + 5),
    offset: 14,
    outcome: 'accepted',
    seq: 5,
  }),
  // Carol, leading, raises her maximum: accepted, but it sets no price.
  row({
    bidId: 'c2',
    bidderId: 5,
    bidderUsername: 'carol',
    amount: 310_000,
    maxAmount: CAROL_RAISED_MAX,
    placedAt: new Date(t0 + 6),
    offset: 15,
    outcome: 'accepted',
    seq: 6,
  }),
  // A redelivered offset, decided stale.
  row({
    bidId: 'd1',
    bidderId: 6,
    bidderUsername: 'dave',
    amount: 400_000,
    placedAt: new Date(t0 + 7),
    offset: 15,
    outcome: 'stale',
    seq: 6,
  }),
];

const history = (query = '') => request(strapi.server.httpServer).get(`/api/auctions/${auctionId}/bids${query}`);

beforeAll(async () => {
  ledger = await mongoose.createConnection(MONGO_URL, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  // As the worker stores them (nulls left out, the state as a string).
  await ledger.collection(BID_LEDGER_COLLECTION).insertMany(ROWS.map((r) => toStoredLedgerRow(r as BidLedgerRow)) as never[]);
  strapi = await startStrapi();
});

afterAll(async () => {
  await stopStrapi();
  await ledger.collection(BID_LEDGER_COLLECTION).deleteMany({ auctionId });
  await ledger.close();
});

test('lists every row that set a price, newest first: bids, automatic bids, and accepted rows from before maximums', async () => {
  const res = await history();
  expect(res.status).toBe(200);
  const page = bidHistoryPageSchema.parse(res.body);
  expect(page.data.map(({ bidId, amount, automatic, bidderName }) => ({ bidId, amount, automatic, bidderName }))).toEqual([
    { bidId: 'c1', amount: 310_000, automatic: false, bidderName: 'c***l' },
    { bidId: proxyRowId('c1'), amount: ALICE_MAX, automatic: true, bidderName: 'a***e' },
    { bidId: proxyRowId('b1'), amount: 155_000, automatic: true, bidderName: 'a***e' },
    { bidId: 'a1', amount: 110_000, automatic: false, bidderName: 'a***e' },
    { bidId: 'legacy-1', amount: 100_000, automatic: false, bidderName: 'o***r' },
  ]);
  expect(page.data[0]!.placedAt).toBe(t0 + 5);
  expect(page.meta.pagination).toEqual({ page: 1, pageSize: 20, total: 5, pageCount: 1 });
});

test('never shows a maximum, a rejected, stale or price-less row', async () => {
  const res = await history();
  for (const entry of res.body.data) expect(Object.keys(entry).sort()).toEqual(['amount', 'automatic', 'bidId', 'bidderName', 'placedAt']);
  const text = JSON.stringify(res.body);
  for (const secret of [CAROL_MAX, CAROL_RAISED_MAX]) expect(text).not.toContain(String(secret));
  expect(text).not.toMatch(/maxAmount|legacy-2|"b1"|"c2"|"d1"/);
});

test('pages in the same order', async () => {
  const first = await history('?page=1&pageSize=2');
  const second = await history('?page=2&pageSize=2');
  expect(first.body.data.map((e: { bidId: string }) => e.bidId)).toEqual(['c1', proxyRowId('c1')]);
  expect(second.body.data.map((e: { bidId: string }) => e.bidId)).toEqual([proxyRowId('b1'), 'a1']);
  expect(second.body.meta.pagination).toEqual({ page: 2, pageSize: 2, total: 5, pageCount: 3 });
});
