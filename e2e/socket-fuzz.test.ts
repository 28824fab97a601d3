import { io as connect, type Socket } from 'socket.io-client';
import type { Core } from '@strapi/strapi';
import type { AuctionLiveState, BidNoticesEvent, BidOutcomeEvent } from '@car-auction/contracts';
import { createAuction, startCms } from './helpers/cms';
import { eventually, placeBid, registerBidder, type Bidder } from './helpers/bidders';
import { startWorker, type WorkerProcess } from './helpers/worker';
import { stopSystem } from './helpers/system';

/**
 * The gateway under hostile clients: malformed handshakes and 1,000+ malformed
 * events must neither crash it nor let a socket into a room it has no right to.
 * Loopback only; every loop is bounded.
 */
let strapi: Core.Strapi;
let worker: WorkerProcess;
const sockets: Socket[] = [];

function open(auth: unknown, extra: Record<string, unknown> = {}): Socket {
  const client = connect(worker.url, {
    transports: ['websocket'],
    auth: auth as Record<string, unknown>,
    reconnection: false,
    timeout: 5_000,
    ...extra,
  });
  sockets.push(client);
  return client;
}
const outcome = (client: Socket) =>
  new Promise<'connected' | string>((resolve) => {
    client.once('connect', () => resolve('connected'));
    client.once('connect_error', (err) => resolve(err.message));
  });
const joinAck = (client: Socket, id: unknown) =>
  new Promise<unknown>((resolve) =>
    client.timeout(5_000).emit('auction:join', id, (err: Error | null, res: unknown) => resolve(err ? 'timeout' : res)),
  );
const healthy = async () => (await fetch(`${worker.url}/healthz`)).status === 200;

/** Deterministic junk of every JSON type, and some that are not JSON at all. */
function junk(i: number): unknown {
  const kinds: (() => unknown)[] = [
    () => i,
    () => -i / 7,
    () => `x${i}`,
    () => 'A'.repeat(i % 200),
    () => null,
    () => undefined,
    () => true,
    () => [i, [i, [i]]],
    () => ({ id: i, nested: { deeper: { deepest: i } } }),
    () => Buffer.from([i % 256, 0, 255]),
    () => `auction:${i}`,
    () => `user:${i % 5}`,
    () => '../../etc/passwd',
    () => '\u0000\u202e',
    () => `${'z'.repeat(64)}`,
  ];
  return kinds[i % kinds.length]!();
}

beforeAll(async () => {
  strapi = await startCms();
  worker = await startWorker();
});

afterAll(() => stopSystem({ sockets, workers: [worker] }));

test('malformed handshakes are refused with a reason, and the gateway stays up', async () => {
  const cases: unknown[] = [
    { token: 12345 },
    { token: { $ne: null } },
    { token: ['a', 'b'] },
    { token: 'x'.repeat(5_000) },
    { token: 'not.a.jwt' },
    { token: 'Bearer abc' },
    { token: '\u0000' },
    { token: true },
  ];
  const results = await Promise.all(cases.map((auth) => outcome(open(auth))));
  results.forEach((r) => expect(r).toMatch(/^unauthorized: /));
  // No token at all is a watcher: allowed, but in no user room.
  expect(await outcome(open({}))).toBe('connected');
  expect(await outcome(open({ token: '' }))).toBe('connected');
  expect(await healthy()).toBe(true);
});

test('1,000+ malformed events crash nothing and leak no room', async () => {
  const alice: Bidder = await registerBidder('alice');
  const mallory: Bidder = await registerBidder('mallory');
  const auctionA = await createAuction(strapi, { startingPrice: 10_000, minIncrement: 100 });
  const auctionB = await createAuction(strapi, { startingPrice: 10_000, minIncrement: 100 });

  const aliceSocket = open({ token: alice.jwt });
  const mallorySocket = open({ token: mallory.jwt });
  const watcherB = open({});
  await Promise.all([outcome(aliceSocket), outcome(mallorySocket), outcome(watcherB)].map(async (p) => expect(await p).toBe('connected')));

  const malloryGot: { event: string; payload: { bidId?: string; auctionId?: string } | undefined }[] = [];
  mallorySocket.onAny((event, payload) => malloryGot.push({ event, payload }));
  const watcherGot: AuctionLiveState[] = [];
  watcherB.on('auction:state', (s: AuctionLiveState) => watcherGot.push(s));
  const aliceOutcomes: BidOutcomeEvent[] = [];
  aliceSocket.on('bid:notices', (e: BidNoticesEvent) => aliceOutcomes.push(...e.outcomes));

  // Mallory tries names that are not auctions: user rooms, other shapes.
  for (const name of [
    `user:${alice.id}`,
    `user${alice.id}`,
    String(alice.id),
    'auction:' + auctionA,
    `${auctionA} `,
    auctionA.toUpperCase(),
  ]) {
    const res = (await joinAck(mallorySocket, name)) as { error?: string };
    expect(res.error).toMatch(/invalid auction id|unknown auction/);
  }
  expect((await joinAck(watcherB, auctionB)) as object).toHaveProperty('data');

  // Then a flood of malformed events from a fresh socket: wrong types, no ack,
  // unknown events, extra arguments. Each batch waits for a round trip, so the
  // gateway has really processed them.
  const fuzzer = open({});
  expect(await outcome(fuzzer)).toBe('connected');
  const names = ['auction:join', 'auction:leave', 'bid:place', 'auction:state', 'error', 'ping', 'x'.repeat(300), ''];
  let sent = 0;
  for (let batch = 0; batch < 21; batch++) {
    for (let i = 0; i < 50; i++) {
      const n = batch * 50 + i;
      const name = names[n % names.length]!;
      if (n % 3 === 0) fuzzer.emit(name, junk(n), junk(n + 1), () => undefined);
      else if (n % 3 === 1) fuzzer.emit(name, junk(n));
      else fuzzer.emit(name);
      sent++;
    }
    expect(await joinAck(fuzzer, 'nosuchauction0000000000')).toEqual({ error: 'unknown auction' });
  }
  expect(sent).toBeGreaterThanOrEqual(1_000);
  // A frame above the gateway's 16 KB limit ends that socket, and only that socket.
  const big = open({});
  expect(await outcome(big)).toBe('connected');
  const bigClosed = new Promise<string>((resolve) => big.once('disconnect', (reason) => resolve(reason)));
  big.emit('auction:join', 'y'.repeat(64 * 1024), () => undefined);
  expect(await bigClosed).toMatch(/transport close|transport error/);
  expect(fuzzer.connected).toBe(true);
  expect(await healthy()).toBe(true);

  // After all that, Alice bids on A: only she hears her outcome; B's watcher hears nothing of A.
  const placed = await placeBid(alice, auctionA, 10_000);
  expect(placed.status).toBe(202);
  await eventually('alice told', async () => (aliceOutcomes.some((e) => e.bidId === placed.bidId) ? true : undefined));
  const placedB = await placeBid(mallory, auctionB, 10_000);
  await eventually('B watched', async () => (watcherGot.some((s) => s.bidCount === 1) ? true : undefined));
  expect(malloryGot.filter((m) => m.payload?.bidId === placed.bidId || m.payload?.auctionId === auctionA)).toEqual([]);
  expect(watcherGot.every((s) => s.auctionId === auctionB)).toBe(true);
  expect(placedB.status).toBe(202);
});
