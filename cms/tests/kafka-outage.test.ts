import path from 'node:path';
import { execFileSync } from 'node:child_process';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from './helpers/strapi';
import { createAuction, registerBidder, type Bidder } from './helpers/fixtures';

const kafkaScript = path.resolve(__dirname, '..', '..', 'infra', 'kafka.sh');
const kafka = (command: 'start' | 'stop' | 'status') =>
  execFileSync('bash', [kafkaScript, command], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// This test stops the broker, so it runs only against the one the project's
// scripts started (scripts/test.sh always does), never against someone else's.
// "(not ours)" also contains "ours": match the running-and-ours form only.
const kafkaIsOurs = /\(pid \d+, ours\)/.test(kafka('status'));

let strapi: Core.Strapi;
let bidder: Bidder;
let auctionId: string;

beforeAll(async () => {
  strapi = await startStrapi();
  bidder = await registerBidder(strapi);
  auctionId = await createAuction(strapi, { startingPrice: 10_000, minIncrement: 1_000 });
});

afterAll(async () => {
  if (kafkaIsOurs) kafka('start');
  await stopStrapi();
});

(kafkaIsOurs ? test : test.skip)(
  'with Kafka stopped a bid gets a 503 with a message, then works again once it is back',
  async () => {
    const place = (amount: number) =>
      request(strapi.server.httpServer)
        .post(`/api/auctions/${auctionId}/bids`)
        .set('Authorization', `Bearer ${bidder.jwt}`)
        // A hung request fails here instead of passing late.
        .timeout(20_000)
        .send({ amount });

    expect((await place(10_000)).status).toBe(202);

    kafka('stop');
    const down = await place(11_000);
    expect(down.status).toBe(503);
    expect(down.body.error).toMatchObject({ status: 503, details: { code: 'bids_unavailable' } });
    expect(down.body.error.message).toMatch(/try again/i);
    expect(down.headers['retry-after']).toBe('5');

    kafka('start');
    const back = await place(12_000);
    expect(back.status).toBe(202);
  },
  180_000,
);
