import request from 'supertest';
import jwt from 'jsonwebtoken';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from './helpers/strapi';
import { panelSession } from './helpers/panel';
import { createAuction, registerBidder, type Bidder } from './helpers/fixtures';
import { messagesSince, topicEnd, type Offsets } from './helpers/kafka';
import { getService } from '../src/utils/get-service';
import { eventually } from '@car-auction/test-support/wait';

// Low limits and counters of their own, so this file's counts are not shared
// with other runs or other files (the keys live in Redis).
const PER_BIDDER = 3;
const PER_IP = 6;
process.env.BID_RATE_LIMIT_PER_BIDDER = String(PER_BIDDER);
process.env.BID_RATE_LIMIT_PER_IP = String(PER_IP);
process.env.BID_RATE_LIMIT_WINDOW_SECONDS = '60';
process.env.BID_RATE_LIMIT_KEY_PREFIX = `rate:test:${Date.now().toString(36)}`;

let strapi: Core.Strapi;
let auctionId: string;

const http = () => request(strapi.server.httpServer);
const bid = (jwtToken: string, amount: number, headers: Record<string, string> = {}) =>
  http()
    .post(`/api/auctions/${auctionId}/bids`)
    .set({ Authorization: `Bearer ${jwtToken}`, ...headers })
    .send({ amount });
/** Bids produced for this file's auction since `from` (other producers may share the topic). */
const producedSince = async (from: Offsets) => (await messagesSince(from)).filter((m) => m.key === auctionId);

beforeAll(async () => {
  strapi = await startStrapi();
  auctionId = await createAuction(strapi, { startingPrice: 10_000, minIncrement: 100 });
});

afterAll(async () => {
  await stopStrapi();
});

describe('rate limits on the bid route (Redis-backed, per bidder and per address)', () => {
  let alice: Bidder;
  let bob: Bidder;
  let carol: Bidder;

  beforeAll(async () => {
    [alice, bob, carol] = [await registerBidder(strapi), await registerBidder(strapi), await registerBidder(strapi)];
  });

  test('a bidder over the limit gets a 429 with Retry-After and a message; nothing more is produced', async () => {
    // Bids below the minimum count too: a flood of bad bids is limited like good ones.
    for (let i = 0; i < PER_BIDDER - 1; i++) expect((await bid(alice.jwt, 1)).status).toBe(422);
    expect((await bid(alice.jwt, 10_000)).status).toBe(202);
    const before = await topicEnd();
    const limited = await bid(alice.jwt, 20_000);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ status: 429, name: 'RateLimitError', details: { code: 'rate_limited' } });
    expect(limited.body.error.message).toMatch(/^Too many bids from you; try again in \d+ s$/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(await producedSince(before)).toHaveLength(0);
  });

  test('the address limit covers every bidder behind it, and a forged X-Forwarded-For does not escape it', async () => {
    // Alice used 4 of the address's 6; Bob takes the last 2.
    expect((await bid(bob.jwt, 1)).status).toBe(422);
    expect((await bid(bob.jwt, 1)).status).toBe(422);
    const before = await topicEnd();
    const limited = await bid(carol.jwt, 30_000);
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toMatch(/^Too many bids from your network/);
    const forged = await bid(carol.jwt, 30_000, { 'X-Forwarded-For': '203.0.113.7', 'X-Real-IP': '203.0.113.7' });
    expect(forged.status).toBe(429);
    expect(await producedSince(before)).toHaveLength(0);
  });
});

describe('access tokens', () => {
  let dave: Bidder;
  const secret = process.env.JWT_SECRET ?? 'dev-only-users-permissions-jwt-secret';
  // The same claims re-signed with other times: a way to hold a token from the past.
  const resign = (token: string, change: (claims: jwt.JwtPayload) => jwt.JwtPayload) =>
    jwt.sign(change(jwt.decode(token) as jwt.JwtPayload), secret, { algorithm: 'HS256', noTimestamp: true });

  beforeAll(async () => {
    dave = await registerBidder(strapi);
  });

  test('a token re-signed with its own times still works (so the next test tests expiry alone)', async () => {
    const same = resign(dave.jwt, (c) => c);
    expect((await http().get('/api/users/me').set('Authorization', `Bearer ${same}`)).status).toBe(200);
  });

  test('an expired token is refused with a 401 and nothing is produced', async () => {
    const expired = resign(dave.jwt, (c) => ({
      ...c,
      iat: Math.floor(Date.now() / 1000) - 3_600,
      exp: Math.floor(Date.now() / 1000) - 60,
    }));
    const before = await topicEnd();
    const res = await bid(expired, 40_000);
    expect(res.status).toBe(401);
    expect((await http().get('/api/users/me').set('Authorization', `Bearer ${expired}`)).status).toBe(401);
    expect(await producedSince(before)).toHaveLength(0);
  });

  test('a token with a forged signature or claims is refused', async () => {
    const forged = jwt.sign(jwt.decode(dave.jwt) as jwt.JwtPayload, 'not-the-secret', { algorithm: 'HS256', noTimestamp: true });
    expect((await bid(forged, 40_000)).status).toBe(401);
    const [head, , sig] = dave.jwt.split('.');
    const claims = { ...(jwt.decode(dave.jwt) as jwt.JwtPayload), userId: '1' };
    const swapped = `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
    expect((await bid(swapped, 40_000)).status).toBe(401);
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${dave.jwt.split('.')[1]}.`;
    expect((await bid(unsigned, 40_000)).status).toBe(401);
  });
});

describe('who may bid', () => {
  test('a blocked user is refused with a 403 that says so, and nothing is produced', async () => {
    const erin = await registerBidder(strapi);
    await strapi.db.query('plugin::users-permissions.user').update({ where: { id: erin.id }, data: { blocked: true } });
    const before = await topicEnd();
    const res = await bid(erin.jwt, 40_000);
    expect(res.status).toBe(403);
    expect(res.body.error.details.code).toBe('account_blocked');
    expect(res.body.error.message).toBe('Your account has been blocked from bidding. Contact support if you think this is a mistake.');
    expect(await producedSince(before)).toHaveLength(0);
  });

  test("an admin blocking a bidder in the panel refuses the bidder's next bids within seconds", async () => {
    const gina = await registerBidder(strapi);
    // Not refused for the account before (an earlier test's rate limit may still answer 429).
    expect([202, 429]).toContain((await bid(gina.jwt, 40_000)).status);
    const admin = await panelSession(strapi, 'admin');
    const { documentId } = (await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: gina.id } })) as {
      documentId: string;
    };
    const blocked = await admin.put(`/content-manager/collection-types/plugin::users-permissions.user/${documentId}`, { blocked: true });
    expect(blocked.status).toBe(200);
    // The bid route knows its bidders for up to 5 s (bidder-cache.ts): bounded, not immediate.
    const refused = await eventually(
      'the blocked bidder is refused',
      async () => {
        const res = await bid(gina.jwt, 40_000);
        return res.status === 403 ? res : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 250 },
    );
    expect(refused.body.error.details.code).toBe('account_blocked');
  });

  test('a user whose role may not bid gets a 403', async () => {
    const frank = await registerBidder(strapi);
    const role = await strapi.db
      .query('plugin::users-permissions.role')
      .create({ data: { name: `Watchers ${Date.now()}`, type: `watchers-${Date.now()}`, description: 'may look, may not bid' } });
    await strapi.db.query('plugin::users-permissions.user').update({ where: { id: frank.id }, data: { role: role.id } });
    const before = await topicEnd();
    const res = await bid(frank.jwt, 40_000);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Your account may not place bids');
    expect(res.body).toEqual({
      data: null,
      error: { status: 403, name: 'ForbiddenError', message: 'Your account may not place bids', details: {} },
    });
    // The router serves what the fast lane's exact pattern misses, with the same answer.
    const viaRouter = await http()
      .post(`/api/Auctions/${auctionId}/bids`)
      .set({ Authorization: `Bearer ${frank.jwt}` })
      .send({ amount: 40_000 });
    expect(viaRouter.status).toBe(403);
    expect(viaRouter.body).toEqual(res.body);
    expect(await producedSince(before)).toHaveLength(0);
  });
});

describe("answers in Strapi's error envelope", () => {
  test('a compressed request body is a 415', async () => {
    const res = await http()
      .post('/api/auth/local')
      .set({ 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
      .send(Buffer.from('not really gzip'));
    expect(res.status).toBe(415);
    expect(res.body).toEqual({
      data: null,
      error: {
        status: 415,
        name: 'UnsupportedMediaTypeError',
        message: 'Send the request body uncompressed (no Content-Encoding)',
        details: {},
      },
    });
  });

  test('bid history while the ledger cannot answer is a 503', async () => {
    const spy = jest.spyOn(getService(strapi, 'api::bid.bid-history'), 'page').mockRejectedValue(new Error('ledger down'));
    try {
      const res = await http().get(`/api/auctions/${auctionId}/bids`);
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        data: null,
        error: {
          status: 503,
          name: 'ServiceUnavailableError',
          message: 'Bid history is unavailable right now; try again shortly',
          details: {},
        },
      });
    } finally {
      spy.mockRestore();
    }
  });
});

describe('browsers', () => {
  test('CORS answers the bidding app origin and no other', async () => {
    const preflight = (origin: string) =>
      http()
        .options(`/api/auctions/${auctionId}/bids`)
        .set({ Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' });
    const allowed = await preflight('http://localhost:3000');
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    for (const origin of ['http://evil.example', 'http://localhost:3001', 'null', 'http://localhost:3000.evil.example']) {
      const refused = await preflight(origin);
      expect(refused.headers['access-control-allow-origin']).not.toBe(origin);
      expect(refused.headers['access-control-allow-origin'] ?? '').not.toBe('*');
    }
    const simple = await http().get('/api/auctions/live').set('Origin', 'http://evil.example');
    expect(simple.headers['access-control-allow-origin'] ?? '').not.toMatch(/evil|\*/);
  });

  test('API responses carry the security headers and do not name the server', async () => {
    const res = await http().get('/api/auctions/live');
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
    });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
