import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { AUCTIONS_BY_END_KEY, auctionStateKey } from '@car-auction/contracts';
import { startStrapi, stopStrapi } from './helpers/strapi';
import { panelSession, type PanelSession } from './helpers/panel';
import { createAuction, placeBid, registerBidder, withRedis, type Bidder } from './helpers/fixtures';
import { getService } from '../src/utils/get-service';

/** An admin's "End now" and "Withdraw" (src/plugins/auction-admin), through the admin API as the panel calls them. */
const end = (as: PanelSession, id: string) => as.post(`/auction-admin/auctions/${id}/end`, {});
const withdraw = (as: PanelSession, id: string, body: object) => as.post(`/auction-admin/auctions/${id}/withdraw`, body);
const AUCTIONS = '/content-manager/collection-types/api::auction.auction';
const HOUR = 3_600_000;

let strapi: Core.Strapi;
let admin: PanelSession;
let editor: PanelSession;
let bidder: Bidder;

const http = () => request(strapi.server.httpServer);
const rows = (documentId: string) =>
  strapi.db.query('api::auction.auction').findMany({ where: { documentId } }) as Promise<Array<Record<string, unknown>>>;
const hash = (documentId: string) => withRedis((redis) => redis.hgetall(auctionStateKey(documentId)));
const codeOf = (res: request.Response) => ({ status: res.status, code: res.body?.error?.details?.code, message: res.body?.error?.message });

beforeAll(async () => {
  strapi = await startStrapi();
  [admin, editor] = await Promise.all([panelSession(strapi, 'admin'), panelSession(strapi, 'editor')]);
  bidder = await registerBidder(strapi);
});

afterAll(async () => {
  await stopStrapi();
});

test("an editor may do neither (the plugin's permissions are admins'), and nothing is written", async () => {
  const id = await createAuction(strapi);
  expect((await end(editor, id)).status).toBe(403);
  expect((await withdraw(editor, id, { reason: 'Not mine to withdraw' })).status).toBe(403);
  expect((await http().post(`/auction-admin/auctions/${id}/end`).send({})).status).toBe(401);
  for (const row of await rows(id)) expect(row).toMatchObject({ endedEarlyAt: null, withdrawnAt: null });
});

test('End now: bidding stops at that moment, in the database and in the engine; a second End now is refused', async () => {
  const id = await createAuction(strapi);
  const before = Date.now();
  const res = await end(admin, id);
  expect(res.status).toBe(200);
  const endedAt = Date.parse(res.body.data.endedEarlyAt);
  expect(endedAt).toBeGreaterThanOrEqual(before);
  expect(res.body.data).toMatchObject({ documentId: id, withdrawnAt: null, synced: true });
  expect(Date.parse(res.body.data.closesAt)).toBe(endedAt);
  // Both rows (draft and published), so the next publish keeps it.
  for (const row of await rows(id)) expect(new Date(row.endedEarlyAt as string).getTime()).toBe(endedAt);
  expect(await hash(id)).toMatchObject({ hardEndAt: String(endedAt), effectiveEnd: String(endedAt) });
  expect(Number(await withRedis((redis) => redis.zscore(AUCTIONS_BY_END_KEY, id)))).toBe(endedAt);

  expect(codeOf(await placeBid(strapi, bidder, id, 100_000))).toMatchObject({ status: 409, code: 'auction_ended' });
  expect(codeOf(await end(admin, id))).toMatchObject({ status: 409, code: 'already_ended' });
  expect(codeOf(await withdraw(admin, id, { reason: 'Too late for this' }))).toMatchObject({ status: 409, code: 'auction_ended' });
  // Bidders see when it ended.
  const page = await http().get(`/api/auctions/${id}`);
  expect(page.body.data).toMatchObject({ endedEarlyAt: res.body.data.endedEarlyAt, withdrawnAt: null });
});

test('Withdraw: the reason is required and checked, then bids are refused, the auction leaves the live list, and bidders read why', async () => {
  const id = await createAuction(strapi);
  expect(codeOf(await withdraw(admin, id, {}))).toMatchObject({
    status: 400,
    code: 'invalid_reason',
    message: expect.stringMatching(/reason/),
  });
  expect(codeOf(await withdraw(admin, id, { reason: '  x ' }))).toMatchObject({
    status: 400,
    message: expect.stringMatching(/at least 3/),
  });
  expect(codeOf(await withdraw(admin, id, { reason: 'y'.repeat(501) }))).toMatchObject({
    status: 400,
    message: expect.stringMatching(/at most 500/),
  });
  for (const row of await rows(id)) expect(row).toMatchObject({ withdrawnAt: null, withdrawReason: null });

  const res = await withdraw(admin, id, { reason: '  The seller found a title problem.  ' });
  expect(res.status).toBe(200);
  expect(res.body.data).toMatchObject({ withdrawReason: 'The seller found a title problem.', endedEarlyAt: null, synced: true });
  for (const row of await rows(id))
    expect(row).toMatchObject({ saleStatus: 'withdrawn', withdrawReason: 'The seller found a title problem.' });
  expect(await hash(id)).toMatchObject({ withdrawn: '1' });
  expect(await withRedis((redis) => redis.zscore(AUCTIONS_BY_END_KEY, id))).toBeNull();

  expect(codeOf(await placeBid(strapi, bidder, id, 100_000))).toMatchObject({ status: 409, code: 'auction_withdrawn' });
  const page = await http().get(`/api/auctions/${id}`);
  expect(page.body.data).toMatchObject({ saleStatus: 'withdrawn', withdrawReason: 'The seller found a title problem.' });
  const live = await http().get('/api/auctions/live');
  expect(live.body.data.map((a: { documentId: string }) => a.documentId)).not.toContain(id);
  expect(codeOf(await withdraw(admin, id, { reason: 'Again, for luck' }))).toMatchObject({ status: 409, code: 'auction_withdrawn' });
  expect(codeOf(await end(admin, id))).toMatchObject({ status: 409, code: 'auction_withdrawn' });

  // A post-back built before the withdrawal and landing after it: the price follows, the status stays withdrawn.
  const [applied] = await getService(strapi, 'api::auction-projection.auction-projection').applyBatch([
    {
      auctionId: id,
      projection: {
        version: 99,
        currentPrice: 120_000,
        leaderUserId: bidder.id,
        leaderName: 'b***r',
        bidCount: 1,
        saleStatus: 'live',
        endsAt: Date.now() + HOUR,
      },
    },
  ]);
  expect(applied?.result).toBe('applied');
  for (const row of await rows(id)) expect(row).toMatchObject({ saleStatus: 'withdrawn', currentPrice: '120000' });
});

test('an auction that has not started can be withdrawn, not ended; a closed or unknown one neither', async () => {
  const scheduled = await createAuction(strapi, { startsInMs: HOUR, endsInMs: 2 * HOUR });
  expect(codeOf(await end(admin, scheduled))).toMatchObject({ status: 409, code: 'auction_not_started' });
  expect((await withdraw(admin, scheduled, { reason: 'The car was sold privately.' })).status).toBe(200);

  const draft = await createAuction(strapi, { publish: false });
  expect(codeOf(await end(admin, draft))).toMatchObject({ status: 404, code: 'auction_not_found' });
  expect(codeOf(await end(admin, 'nosuchauction000000000000'))).toMatchObject({ status: 404 });
  expect(codeOf(await withdraw(admin, 'Not-An-Id!', { reason: 'whatever' }))).toMatchObject({ status: 404 });

  const closed = await createAuction(strapi);
  await withRedis((redis) => redis.hset(auctionStateKey(closed), 'closedAs', 'unsold'));
  expect(codeOf(await end(admin, closed))).toMatchObject({ status: 409, code: 'auction_closed' });
  expect(codeOf(await withdraw(admin, closed, { reason: 'After the fact' }))).toMatchObject({ status: 409, code: 'auction_closed' });
});

test("the actions' fields are read-only in the editor's form: a save that changes them is refused under the field, one that keeps them goes through", async () => {
  const id = await createAuction(strapi);
  expect((await withdraw(admin, id, { reason: 'Withdrawn for the form test' })).status).toBe(200);
  const form = (await editor.get(`${AUCTIONS}/${id}`)).body.data as Record<string, unknown>;
  const refused = await editor.put(`${AUCTIONS}/${id}`, { ...form, withdrawReason: 'Edited by hand', withdrawnAt: null });
  expect(refused.status).toBe(400);
  expect(refused.body.error.details.errors[0]).toMatchObject({ path: ['withdrawnAt'], message: expect.stringMatching(/Withdraw/) });
  const kept = await editor.put(`${AUCTIONS}/${id}`, { ...form, title: `${String(form.title)} (edited)` });
  expect(kept.status).toBe(200);
  for (const row of await rows(id)) expect(row).toMatchObject({ withdrawReason: 'Withdrawn for the form test' });
  // A new auction cannot be born ended or withdrawn.
  const born = await editor.post(AUCTIONS, {
    title: 'Born withdrawn',
    startsAt: new Date(Date.now() - HOUR).toISOString(),
    endsAt: new Date(Date.now() + HOUR).toISOString(),
    currency: 'USD',
    startingPrice: '100000',
    minIncrement: '5000',
    softCloseSeconds: 120,
    endedEarlyAt: new Date().toISOString(),
  });
  expect(born.status).toBe(400);
  expect(born.body.error.details.errors[0].path).toEqual(['endedEarlyAt']);
});
