import { gzipSync } from 'node:zlib';
import request from 'supertest';
import jwt from 'jsonwebtoken';
import type { Core } from '@strapi/strapi';
import { MAX_AMOUNT_CENTS } from '@car-auction/contracts';
import { startStrapi, stopStrapi } from './helpers/strapi';
import { createAuction, registerBidder, type Bidder } from './helpers/fixtures';
import { messagesSince, topicEnd } from './helpers/kafka';
import { seededRandom } from '@car-auction/test-support/random';

/**
 * At least 1,000 malformed bid requests: every one must be a 4xx with a message
 * (never a 5xx, never a hang), and none may reach Kafka. The cases are fixed
 * plus mutations from a seeded generator, so a failure can be replayed.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const MIN = 10_000;

let strapi: Core.Strapi;
let bidder: Bidder;
let auctionId: string;
let expiredToken: string;
let forgedToken: string;

interface Case {
  name: string;
  method?: 'post' | 'put' | 'patch' | 'delete';
  path?: string;
  token?: string | null;
  contentType?: string;
  headers?: Record<string, string>;
  body: string | Buffer;
}

/** A body the endpoint must accept: JSON of exactly { amount: whole cents in range }. */
function isWellFormed(body: string): boolean {
  try {
    const value = JSON.parse(body);
    return (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.keys(value).length === 1 &&
      Number.isSafeInteger(value.amount) &&
      value.amount >= MIN &&
      value.amount <= MAX_AMOUNT_CENTS
    );
  } catch {
    return false;
  }
}

function fixedBodies(): string[] {
  const amounts = [
    '"10000"',
    '10000.5',
    '-10000',
    '0',
    '-0.0',
    '1e-2',
    '1e400',
    '-1e400',
    'NaN',
    'Infinity',
    '0x2710',
    '1_0000',
    'true',
    'null',
    '[10000]',
    '{"value":10000}',
    `${MAX_AMOUNT_CENTS + 1}`,
    '9007199254740993',
    '1e21',
    '"1e4"',
    '" 10000"',
    '"$100.00"',
    '10000n',
    '+10000',
    '010000',
    '.5',
    '5.',
    '"NaN"',
    '{}',
    '[]',
    '""',
  ];
  return [
    ...amounts.map((a) => `{"amount":${a}}`),
    '',
    ' ',
    'null',
    'true',
    '10000',
    '"10000"',
    '[]',
    '[{"amount":10000}]',
    '{}',
    '{"amount"}',
    '{"amount":}',
    '{amount:10000}',
    "{'amount':10000}",
    '{"amount":10000',
    '{"amount":10000}}',
    '{"amount":10000,}',
    '{"Amount":10000}',
    '{"amount ":10000}',
    '{"amount":10000,"bidderId":1}',
    '{"amount":10000,"auctionId":"x"}',
    '{"amount":10000,"placedAt":0}',
    '{"amount":10000,"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"x":1}},"amount":10000}',
    '{"amount":{"$gt":0}}',
    '{"amount":[1,2]}',
    `{"amount":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    `{"amount":"${'9'.repeat(100_000)}"}`,
    `{"note":"${'x'.repeat(200_000)}","amount":10000}`,
    '\uFEFF{"amount":10000,"x":1}',
    '{"amount":10000}\u0000',
    '{"\u0000amount":10000}',
  ];
}

function mutate(random: () => number, base: string): string {
  const chars = [...base];
  const edits = 1 + Math.floor(random() * 4);
  const alphabet = '{}[]":,.-+eE0123456789 \\ntrufalsnNIx\u00e9\u0000\u2028';
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (chars.length + 1));
    const op = random();
    const ch = alphabet[Math.floor(random() * alphabet.length)]!;
    if (op < 0.4) chars.splice(at, 0, ch);
    else if (op < 0.7) chars.splice(at, 1);
    else chars.splice(at, 1, ch);
  }
  return chars.join('');
}

function buildCases(): Case[] {
  const cases: Case[] = [];
  for (const body of fixedBodies()) cases.push({ name: `body ${body.slice(0, 40)}`, body });

  const random = seededRandom(SEED);
  const bases = ['{"amount":10000}', '{"amount":12345}', '{"amount": 10000 }'];
  let guard = 0;
  while (cases.length < 1_000 && guard++ < 20_000) {
    const body = mutate(random, bases[Math.floor(random() * bases.length)]!);
    if (!isWellFormed(body)) cases.push({ name: `mutated ${JSON.stringify(body)}`, body });
  }

  const valid = '{"amount":10000}';
  for (const contentType of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/xml',
    'application/json; charset=utf-16',
    'application/octet-stream',
  ]) {
    cases.push({ name: `content-type ${contentType}`, contentType, body: contentType.includes('urlencoded') ? 'amount=10000' : valid });
  }
  cases.push({ name: 'urlencoded amount', contentType: 'application/x-www-form-urlencoded', body: 'amount=10000&amount=20000' });
  cases.push({
    name: 'multipart',
    contentType: 'multipart/form-data; boundary=xyz',
    body: '--xyz\r\nContent-Disposition: form-data; name="amount"\r\n\r\n10000\r\n--xyz--\r\n',
  });
  cases.push({ name: 'broken gzip', headers: { 'Content-Encoding': 'gzip' }, body: Buffer.from('not gzip at all') });
  cases.push({ name: 'gzip of a bad body', headers: { 'Content-Encoding': 'gzip' }, body: gzipSync('{"amount":"10000"}') });
  cases.push({ name: 'unknown encoding', headers: { 'Content-Encoding': 'br2' }, body: valid });
  cases.push({ name: 'invalid utf-8', body: Buffer.from([0x7b, 0x22, 0x61, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) });
  cases.push({ name: '2 MB body', body: `{"amount":10000,"pad":"${'a'.repeat(2 * 1024 * 1024)}"}` });

  for (const id of [
    'nosuchauction000000000000',
    'A'.repeat(24),
    '1',
    '0',
    '-1',
    'x'.repeat(65),
    '..%2F..%2Fadmin',
    '%00',
    "1'%20OR%20'1'='1",
    '%E2%80%AE',
    '%F0%9F%9A%97',
    'auction%20id',
  ]) {
    cases.push({ name: `auction id ${id}`, path: `/api/auctions/${id}/bids`, body: valid });
  }
  for (const [name, token] of [
    ['no token', null],
    ['empty bearer', ''],
    ['garbage token', 'not.a.jwt'],
    ['expired token', expiredToken],
    ['forged signature', forgedToken],
    ['huge token', 'a'.repeat(6_000)],
  ] as const) {
    cases.push({ name, token, body: valid });
  }
  cases.push({ name: 'basic auth', headers: { Authorization: 'Basic YWxpY2U6c2VjcmV0' }, token: null, body: valid });
  for (const method of ['put', 'patch', 'delete'] as const) cases.push({ name: `method ${method}`, method, body: valid });
  return cases;
}

beforeAll(async () => {
  strapi = await startStrapi();
  bidder = await registerBidder(strapi);
  auctionId = await createAuction(strapi, { startingPrice: MIN, minIncrement: 100 });
  const secret = process.env.JWT_SECRET ?? 'dev-only-users-permissions-jwt-secret';
  const claims = jwt.decode(bidder.jwt) as jwt.JwtPayload;
  const now = Math.floor(Date.now() / 1000);
  expiredToken = jwt.sign({ ...claims, iat: now - 7_200, exp: now - 3_600 }, secret, { noTimestamp: true });
  forgedToken = jwt.sign(claims, 'guessed-secret', { noTimestamp: true });
});

afterAll(async () => {
  await stopStrapi();
});

test('1,000+ malformed bid requests: each a 4xx with a message, none produced', async () => {
  const cases = buildCases();
  expect(cases.length).toBeGreaterThanOrEqual(1_000);
  const before = await topicEnd();
  const failures: string[] = [];
  let next = 0;
  const lane = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      const req = http()
        [c.method ?? 'post'](c.path ?? `/api/auctions/${auctionId}/bids`)
        .timeout(15_000);
      const token = c.token === undefined ? bidder.jwt : c.token;
      if (token !== null) req.set('Authorization', `Bearer ${token}`);
      req.set('Content-Type', c.contentType ?? 'application/json');
      if (c.headers) req.set(c.headers);
      try {
        const res = await req.send(c.body);
        const message = res.body?.error?.message;
        if (res.status < 400 || res.status >= 500) failures.push(`${c.name}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        else if (res.status !== 405 && res.status !== 413 && (typeof message !== 'string' || message === '')) {
          failures.push(`${c.name}: ${res.status} without a message`);
        }
      } catch (err) {
        failures.push(`${c.name}: ${(err as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  expect(failures).toEqual([]);
  const produced = (await messagesSince(before)).filter((m) => m.key === auctionId || m.value?.includes(`"bidderId":${bidder.id},`));
  expect(produced).toEqual([]);
  // The control: the endpoint and the auction work, so the refusals above were for the input.
  expect(
    (await http().post(`/api/auctions/${auctionId}/bids`).set('Authorization', `Bearer ${bidder.jwt}`).send({ amount: MIN })).status,
  ).toBe(202);
});

function http() {
  return request(strapi.server.httpServer);
}
