import path from 'node:path';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { eventually } from '@car-auction/test-support/wait';
import { startStrapi, stopStrapi } from './helpers/strapi';
import { createAuction, registerBidder, type Bidder } from './helpers/fixtures';

const redisScript = path.resolve(__dirname, '..', '..', 'infra', 'redis.sh');
const status = () => execFileSync('bash', [redisScript, 'status'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
// In the background: the cms under test runs in this process and must keep answering meanwhile.
const redis = (command: 'start' | 'stop') => promisify(execFile)('bash', [redisScript, command], { timeout: 60_000 });

// This test stops Redis, so it runs only against the one the project's scripts
// started (scripts/test.sh always does), never against someone else's.
const redisIsOurs = (() => {
  try {
    return /\(pid \d+, ours\)/.test(status());
  } catch {
    return false;
  }
})();

let strapi: Core.Strapi;
let bidder: Bidder;
let auctionId: string;

beforeAll(async () => {
  strapi = await startStrapi();
  bidder = await registerBidder(strapi);
  auctionId = await createAuction(strapi, { startingPrice: 10_000, minIncrement: 1_000 });
});

afterAll(async () => {
  if (redisIsOurs) await redis('start');
  await stopStrapi();
});

(redisIsOurs ? test : test.skip)(
  'with Redis stopped a bid gets a 503 with a message, the cms keeps serving, and bids work again once Redis is back',
  async () => {
    const place = (amount: number) =>
      request(strapi.server.httpServer)
        .post(`/api/auctions/${auctionId}/bids`)
        .set('Authorization', `Bearer ${bidder.jwt}`)
        // A hung request fails here instead of passing late.
        .timeout(20_000)
        .send({ amount });

    expect((await place(10_000)).status).toBe(202);

    await redis('stop');
    // Several bids, so the connection's reconnect attempts are under way: each is refused at once.
    for (const amount of [11_000, 12_000, 13_000]) {
      const down = await place(amount);
      expect(down.status).toBe(503);
      expect(down.body.error).toMatchObject({ status: 503, details: { code: 'bids_unavailable' } });
      expect(down.body.error.message).toMatch(/auction state unreachable.*try again/i);
      expect(down.headers['retry-after']).toBe('5');
    }
    // Everything that does not need Redis goes on.
    expect((await request(strapi.server.httpServer).get(`/api/auctions/${auctionId}`)).status).toBe(200);

    await redis('start');
    // The cms's connection comes back by itself (within about a second).
    const back = await eventually('a bid taken again', async () => {
      const res = await place(14_000);
      return res.status === 503 ? undefined : res;
    });
    expect(back.status).toBe(202);
  },
  120_000,
);
