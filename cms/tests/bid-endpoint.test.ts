import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { auctionStateKey, bidMessageSchema, MAX_AMOUNT_CENTS } from '@car-auction/contracts';
import { startStrapi, stopStrapi } from './helpers/strapi';
import { createAuction, registerBidder, withRedis, type Bidder } from './helpers/fixtures';
import { getService } from '../src/utils/get-service';
import { partitionOf } from '@car-auction/service-support';
import { messagesSince, partitionCount, topicEnd } from './helpers/kafka';

let strapi: Core.Strapi;
let bidder: Bidder;
let liveAuction: string;

const http = () => request(strapi.server.httpServer);
const bid = (auctionId: string, body: unknown, jwt: string | null = bidder.jwt) => {
  const req = http().post(`/api/auctions/${auctionId}/bids`);
  if (jwt !== null) req.set('Authorization', `Bearer ${jwt}`);
  return typeof body === 'string' ? req.set('Content-Type', 'application/json').send(body) : req.send(body as object);
};

beforeAll(async () => {
  strapi = await startStrapi();
  bidder = await registerBidder(strapi);
  liveAuction = await createAuction(strapi, { startingPrice: 100_000, minIncrement: 5_000 });
});

afterAll(async () => {
  await stopStrapi();
});

test('the bids topic has 8 partitions', async () => {
  expect(await partitionCount()).toBe(8);
});

test('a valid bid is 202 and is on the partition its key maps to, exactly once', async () => {
  const before = await topicEnd();
  const res = await bid(liveAuction, { amount: 100_000 });
  expect(res.status).toBe(202);
  const { bidId, placedAt } = res.body.data;
  expect(res.body.data).toMatchObject({ auctionId: liveAuction, amount: 100_000 });

  const produced = await messagesSince(before);
  expect(produced).toHaveLength(1);
  const [message] = produced;
  expect(message!.key).toBe(liveAuction);
  expect(message!.partition).toBe(partitionOf(liveAuction));
  const value = bidMessageSchema.parse(JSON.parse(message!.value!));
  expect(value).toEqual({
    schemaVersion: 1,
    bidId,
    auctionId: liveAuction,
    bidderId: bidder.id,
    bidderUsername: bidder.username,
    amount: 100_000,
    placedAt,
  });
});

describe('rejected bids: a clear 4xx and nothing produced', () => {
  let notStarted: string;
  let ended: string;
  let draftOnly: string;
  let withBids: string;

  beforeAll(async () => {
    notStarted = await createAuction(strapi, { startsInMs: 3_600_000, endsInMs: 7_200_000 });
    ended = await createAuction(strapi, { startsInMs: -7_200_000, endsInMs: -1_000 });
    draftOnly = await createAuction(strapi, { publish: false });
    withBids = await createAuction(strapi, { startingPrice: 100_000, minIncrement: 5_000, currentPrice: 250_000, bidCount: 3 });
  });

  const cases: Array<[string, () => request.Test, number, string, RegExp]> = [
    ['no token', () => bid(liveAuction, { amount: 200_000 }, null), 401, 'unauthorized', /log in/i],
    ['a malformed token', () => bid(liveAuction, { amount: 200_000 }, 'not-a-jwt'), 401, 'unauthorized', /log in/i],
    [
      'a token signed with another secret',
      () =>
        bid(
          liveAuction,
          { amount: 200_000 },
          'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6MSwiaWF0IjoxNzAwMDAwMDAwfQ.c2lnbmF0dXJlLW5vdC12YWxpZA',
        ),
      401,
      'unauthorized',
      /log in/i,
    ],
    ['an unknown auction', () => bid('zzzzzzzzzzzzzzzzzzzzzzzz', { amount: 200_000 }), 404, 'auction_not_found', /no auction/i],
    ['a forged auction id', () => bid('..%2F..%2Fetc', { amount: 200_000 }), 404, 'auction_not_found', /no auction/i],
    ['an unpublished auction', () => bid(draftOnly, { amount: 200_000 }), 404, 'auction_not_found', /no auction/i],
    ['an auction not started', () => bid(notStarted, { amount: 200_000 }), 409, 'auction_not_started', /opens at/i],
    ['an ended auction', () => bid(ended, { amount: 200_000 }), 409, 'auction_ended', /ended at/i],
    ['a missing amount', () => bid(liveAuction, {}), 400, 'invalid_amount', /amount is required/i],
    ['a string amount', () => bid(liveAuction, { amount: '200000' }), 400, 'invalid_amount', /number/i],
    ['a fractional amount', () => bid(liveAuction, { amount: 200_000.5 }), 400, 'invalid_amount', /whole number/i],
    ['a negative amount', () => bid(liveAuction, { amount: -5 }), 400, 'invalid_amount', /positive/i],
    ['a zero amount', () => bid(liveAuction, { amount: 0 }), 400, 'invalid_amount', /positive/i],
    ['an absurdly large amount', () => bid(liveAuction, { amount: MAX_AMOUNT_CENTS + 1 }), 400, 'invalid_amount', /at most/i],
    ['an exponent beyond any number', () => bid(liveAuction, '{"amount": 1e400}'), 400, 'invalid_amount', /number|finite|at most/i],
    ['null', () => bid(liveAuction, { amount: null }), 400, 'invalid_amount', /number/i],
    ['a body that is not an object', () => bid(liveAuction, '[200000]'), 400, 'invalid_body', /json object/i],
    ['an unexpected field', () => bid(liveAuction, { amount: 200_000, bidderId: 1 }), 400, 'invalid_body', /unexpected field/i],
    ['a bid below the starting price', () => bid(liveAuction, { amount: 99_999 }), 422, 'bid_too_low', /at least 100000/],
    ['a bid below the current price plus the increment', () => bid(withBids, { amount: 254_999 }), 422, 'bid_too_low', /at least 255000/],
    [
      'a maximum below the amount',
      () => bid(liveAuction, { amount: 200_000, maxAmount: 199_999 }),
      400,
      'invalid_max_amount',
      /^maxAmount must be at least amount$/,
    ],
    [
      'a fractional maximum',
      () => bid(liveAuction, { amount: 200_000, maxAmount: 300_000.5 }),
      400,
      'invalid_max_amount',
      /^maxAmount must be a whole number of cents$/,
    ],
    [
      'a zero maximum',
      () => bid(liveAuction, { amount: 200_000, maxAmount: 0 }),
      400,
      'invalid_max_amount',
      /^maxAmount must be positive$/,
    ],
    [
      'a maximum above the ceiling',
      () => bid(liveAuction, { amount: 200_000, maxAmount: MAX_AMOUNT_CENTS + 1 }),
      400,
      'invalid_max_amount',
      new RegExp(`^maxAmount must be at most ${MAX_AMOUNT_CENTS} cents$`),
    ],
    [
      'a string maximum',
      () => bid(liveAuction, { amount: 200_000, maxAmount: '300000' }),
      400,
      'invalid_max_amount',
      /^maxAmount must be a number of cents$/,
    ],
    [
      'a maximum below the minimum next bid',
      () => bid(withBids, { amount: 250_000, maxAmount: 254_999 }),
      422,
      'max_below_minimum',
      /^Your maximum must be at least the minimum next bid of 255000 cents$/,
    ],
  ];

  test.each(cases)('%s', async (_name, send, status, code, message) => {
    const before = await topicEnd();
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ status, details: { code } });
    expect(res.body.error.message).toMatch(message);
    expect(await topicEnd()).toEqual(before);
  });

  test('malformed JSON is a 400, not a 500, and produces nothing', async () => {
    const before = await topicEnd();
    const res = await bid(liveAuction, '{"amount": ');
    expect(res.status).toBe(400);
    expect(await topicEnd()).toEqual(before);
  });

  test('a body that is not JSON is a 415 from the bid fast lane, and a body over 16 kB a 413', async () => {
    const before = await topicEnd();
    const form = await http()
      .post(`/api/auctions/${liveAuction}/bids`)
      .set('Authorization', `Bearer ${bidder.jwt}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('amount=100000');
    expect(form.status).toBe(415);
    expect(form.body.error).toMatchObject({ status: 415, details: { code: 'invalid_body' } });
    expect(form.body.error.message).toMatch(/as JSON/);
    const huge = await bid(liveAuction, JSON.stringify({ amount: 100_000, pad: 'x'.repeat(20_000) }));
    expect(huge.status).toBe(413);
    expect(huge.body.error.message).toMatch(/at most 16384 bytes/);
    expect(await topicEnd()).toEqual(before);
  });

  test('the lane answers with the same headers as the rest of the API: security headers, and CORS for the app only', async () => {
    const res = await http()
      .post(`/api/auctions/${liveAuction}/bids`)
      .set('Authorization', `Bearer ${bidder.jwt}`)
      .set('Origin', 'http://localhost:3000')
      .send({ amount: 1 });
    expect(res.status).toBe(422);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    const foreign = await http()
      .post(`/api/auctions/${liveAuction}/bids`)
      .set('Authorization', `Bearer ${bidder.jwt}`)
      .set('Origin', 'https://evil.example')
      .send({ amount: 1 });
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('max_below_minimum names the minimum in its details', async () => {
    const res = await bid(withBids, { amount: 250_000, maxAmount: 254_999 });
    expect(res.body.error.details).toEqual({ code: 'max_below_minimum', minimumBid: 255_000 });
  });

  test('the bid at exactly the minimum next bid is accepted', async () => {
    const res = await bid(withBids, { amount: 255_000 });
    expect(res.status).toBe(202);
  });
});

describe('maximums (proxy bids)', () => {
  test('a maximum rides on the Kafka message, and the 202 echoes it to its owner', async () => {
    const before = await topicEnd();
    const res = await bid(liveAuction, { amount: 100_000, maxAmount: 345_600 });
    expect(res.status).toBe(202);
    expect(res.body.data).toMatchObject({ auctionId: liveAuction, amount: 100_000, maxAmount: 345_600 });
    const produced = (await messagesSince(before)).filter((m) => m.key === liveAuction);
    expect(produced).toHaveLength(1);
    expect(bidMessageSchema.parse(JSON.parse(produced[0]!.value!))).toEqual({
      schemaVersion: 1,
      bidId: res.body.data.bidId,
      auctionId: liveAuction,
      bidderId: bidder.id,
      bidderUsername: bidder.username,
      amount: 100_000,
      maxAmount: 345_600,
      placedAt: res.body.data.placedAt,
    });
  });

  test('a plain bid has no maximum in its 202 or its message', async () => {
    const before = await topicEnd();
    const res = await bid(liveAuction, { amount: 100_000 });
    expect(res.status).toBe(202);
    expect(res.body.data).not.toHaveProperty('maxAmount');
    const [message] = (await messagesSince(before)).filter((m) => m.key === liveAuction);
    expect(JSON.parse(message!.value!)).not.toHaveProperty('maxAmount');
  });

  describe('the leader changes their maximum', () => {
    let leading: string;

    beforeAll(async () => {
      // The worker's state: this bidder leads at 250,000 (the minimum next bid is 255,000).
      leading = await createAuction(strapi, { startingPrice: 100_000, minIncrement: 5_000 });
      await withRedis((r) => r.hset(auctionStateKey(leading), 'currentPrice', 250_000, 'bidCount', 3, 'seq', 3, 'leaderId', bidder.id));
      await getService(strapi, 'api::auction.auction-state').sync(leading);
    });

    test.each([
      ['a maximum below the price', { amount: 240_000, maxAmount: 249_999 }],
      ['a plain bid below the price (its maximum is its amount)', { amount: 249_999 }],
    ])('%s is a 422 max_below_price with the price, and nothing is produced', async (_name, body) => {
      const before = await topicEnd();
      const res = await bid(leading, body);
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({
        status: 422,
        message: 'You are the highest bidder: your maximum cannot go below the current price of 250000 cents',
        details: { code: 'max_below_price', currentPrice: 250_000 },
      });
      expect(await topicEnd()).toEqual(before);
    });

    test('no minimum for the leader: a maximum at or above the price is queued even below the minimum next bid', async () => {
      const res = await bid(leading, { amount: 250_000, maxAmount: 252_000 });
      expect(res.status).toBe(202);
      expect(res.body.data).toMatchObject({ amount: 250_000, maxAmount: 252_000 });
    });

    test('another bidder on the same auction is held to the minimum next bid, by their maximum when they give one', async () => {
      const other = await registerBidder(strapi);
      const plain = await bid(leading, { amount: 250_000 }, other.jwt);
      expect(plain.status).toBe(422);
      expect(plain.body.error.details).toEqual({ code: 'bid_too_low', minimumBid: 255_000 });
      // A maximum that reaches the minimum is queued whatever its amount: the engine lifts the amount to the minimum.
      const lifted = await bid(leading, { amount: 250_000, maxAmount: 400_000 }, other.jwt);
      expect(lifted.status).toBe(202);
      expect(lifted.body.data).toMatchObject({ amount: 250_000, maxAmount: 400_000 });
    });
  });
});

describe('Idempotency-Key', () => {
  const keyed = (key: string, amount: number, jwt = bidder.jwt) =>
    http()
      .post(`/api/auctions/${liveAuction}/bids`)
      .set({ Authorization: `Bearer ${jwt}`, 'Idempotency-Key': key })
      .send({ amount });

  test('the same key gives the same bid id, so a retry is counted once; another bidder with the key gets another id', async () => {
    const key = `k-${Date.now().toString(36)}-retry`;
    const first = await keyed(key, 900_000);
    const retry = await keyed(key, 900_000);
    expect([first.status, retry.status]).toEqual([202, 202]);
    expect(retry.body.data.bidId).toBe(first.body.data.bidId);
    expect(first.body.data.bidId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const other = await registerBidder(strapi);
    const theirs = await keyed(key, 910_000, other.jwt);
    expect(theirs.status).toBe(202);
    expect(theirs.body.data.bidId).not.toBe(first.body.data.bidId);
    // Both copies are on the topic with the one id: the worker's stored outcome makes the second a replay.
  });

  test.each(['short', 'has space in it', 'x'.repeat(129), 'semi;colon12'])(
    'a malformed key %p is a 400 and nothing is produced',
    async (key) => {
      const before = await topicEnd();
      const res = await keyed(key, 950_000);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ details: { code: 'invalid_body' } });
      expect(res.body.error.message).toMatch(/Idempotency-Key/);
      expect((await messagesSince(before)).filter((m) => m.key === liveAuction)).toHaveLength(0);
    },
  );
});
