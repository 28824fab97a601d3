import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { USER_CONTACTS_MAX_IDS, USER_CONTACTS_PATH } from '@car-auction/contracts';
import { startStrapi, stopStrapi } from './helpers/strapi';
import { registerBidder, type Bidder } from './helpers/fixtures';

/** The notifier's lookup of whom to mail: the service token only, never a bidder or the public. */
const SERVICE_TOKEN = 'dev-only-worker-api-token-change-me';

let strapi: Core.Strapi;
let alice: Bidder;
let bob: Bidder;
const contacts = (query: string, token: string | null = SERVICE_TOKEN) => {
  const req = request(strapi.server.httpServer).get(`${USER_CONTACTS_PATH}${query}`);
  if (token) req.set('Authorization', `Bearer ${token}`);
  return req;
};

beforeAll(async () => {
  strapi = await startStrapi();
  [alice, bob] = await Promise.all([registerBidder(strapi), registerBidder(strapi)]);
});
afterAll(() => stopStrapi());

test('the service token reads the contacts of the users asked for; unknown ids are left out', async () => {
  const res = await contacts(`?ids=${alice.id},${bob.id},999999`);
  expect(res.status).toBe(200);
  const data = (res.body as { data: { id: number; email: string; username: string; blocked: boolean }[] }).data;
  expect(data.map((c) => c.id).sort((a, b) => a - b)).toEqual([alice.id, bob.id].sort((a, b) => a - b));
  const mine = data.find((c) => c.id === alice.id)!;
  expect(mine).toEqual({ id: alice.id, username: alice.username, email: expect.stringContaining('@'), blocked: false });
});

test('a bidder, an anonymous caller or a bad token cannot list emails', async () => {
  expect((await contacts(`?ids=${bob.id}`, null)).status).toBe(403);
  expect((await contacts(`?ids=${bob.id}`, alice.jwt)).status).toBe(403);
  expect((await contacts(`?ids=${bob.id}`, 'not-the-token')).status).toBe(401);
});

test.each([
  ['no ids', ''],
  ['empty', '?ids='],
  ['not a number', '?ids=abc'],
  ['negative', '?ids=1,-2'],
  ['fraction', '?ids=1.5'],
  ['too many', `?ids=${Array.from({ length: USER_CONTACTS_MAX_IDS + 1 }, (_, i) => i + 1).join(',')}`],
])('bad ids (%s) get a 400 with a message', async (_label, query) => {
  const res = await contacts(query);
  expect(res.status).toBe(400);
  expect((res.body as { error: { message: string } }).error.message).toMatch(/ids must be/);
});
