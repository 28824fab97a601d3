import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { Kafka, logLevel } from 'kafkajs';
import type { Core } from '@strapi/strapi';
import {
  BIDS_DEAD_LETTER_TOPIC,
  BIDS_TOPIC,
  type AuctionClosedEvent,
  type AuctionJoined,
  type AuctionLiveState,
  type BidHistoryPage,
  type BidOutcomeEvent,
  type ClientToServerEvents,
  type OutbidEvent,
  type ServerToClientEvents,
} from '@car-auction/contracts';
import { cmsUrl, createAuction, fetchPublicAuction as publicAuction, startCms } from './helpers/cms';
import { eventually, placeBid, registerBidder, type Bidder } from './helpers/bidders';
import { ledgerRows, redisState } from './helpers/ledger';
import { startWorker, type WorkerProcess } from './helpers/worker';
import { stopSystem } from './helpers/system';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let strapi: Core.Strapi;
let worker: WorkerProcess;
const sockets: Client[] = [];
const kafka = new Kafka({ clientId: 'e2e', brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING });

function socket(token?: string): Client {
  const client: Client = connect(worker.url, { transports: ['websocket'], auth: token ? { token } : {}, reconnection: false });
  sockets.push(client);
  return client;
}
const connected = (client: Client) =>
  new Promise<void>((resolve, reject) => {
    client.on('connect', () => resolve());
    client.on('connect_error', reject);
  });
function record<E extends keyof ServerToClientEvents>(client: Client, event: E) {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  // The typed socket's `on` cannot take a listener for a generic event name; the untyped one can.
  (client as Socket).on(event as string, (payload: Parameters<ServerToClientEvents[E]>[0]) => seen.push(payload));
  return seen;
}
const joinAs = (client: Client, auctionId: string) =>
  new Promise<AuctionJoined>((resolve, reject) =>
    client.emit('auction:join', auctionId, (res) => ('data' in res ? resolve(res.data) : reject(new Error(res.error)))),
  );
const join = async (client: Client, auctionId: string): Promise<AuctionLiveState> => (await joinAs(client, auctionId)).state;

beforeAll(async () => {
  strapi = await startCms();
  worker = await startWorker();
});

afterAll(() => stopSystem({ sockets, workers: [worker] }));

test('a bid flows to Redis, the ledger, Strapi and the watchers; the outbid bidder is told', async () => {
  const auctionId = await createAuction(strapi, { startingPrice: 10_000, minIncrement: 100 });
  const alice: Bidder = await registerBidder('alice');
  const bob: Bidder = await registerBidder('bob');

  const watcher = socket();
  const aliceSocket = socket(alice.jwt);
  await Promise.all([connected(watcher), connected(aliceSocket)]);
  const initial = await join(watcher, auctionId);
  expect(initial).toMatchObject({ auctionId, currentPrice: null, bidCount: 0, status: 'live', minimumNextBid: 10_000 });
  const states = record(watcher, 'auction:state');
  const aliceNotices = record(aliceSocket, 'bid:notices');
  const aliceOutcomes = { find: (match: (o: BidOutcomeEvent) => boolean) => aliceNotices.flatMap((n) => n.outcomes).find(match) };
  const aliceOutbid = { find: (match: (o: OutbidEvent) => boolean) => aliceNotices.flatMap((n) => n.outbids).find(match) };

  const first = await placeBid(alice, auctionId, 10_000);
  expect(first.status).toBe(202);
  await eventually('alice leading in Redis', async () => ((await redisState(auctionId)).currentPrice === '10000' ? true : undefined));
  const state = await redisState(auctionId);
  expect(state).toMatchObject({ leaderId: String(alice.id), bidCount: '1' });
  // Outcomes are matched by bid id: a user room may also get replays of older decisions.
  const aliceFirst = await eventually('alice told her bid was accepted', async () => aliceOutcomes.find((o) => o.bidId === first.bidId));
  expect(aliceFirst).toMatchObject<Partial<BidOutcomeEvent>>({ outcome: 'accepted', reason: null, amount: 10_000 });

  const second = await placeBid(bob, auctionId, 10_100);
  expect(second.status).toBe(202);
  const outbid = await eventually('alice outbid', async () => aliceOutbid.find((o) => o.auctionId === auctionId));
  expect(outbid).toMatchObject<Partial<OutbidEvent>>({ currentPrice: 10_100, minimumNextBid: 10_200 });

  await eventually('the watcher sees 10,100', async () => (states.some((s) => s.currentPrice === 10_100) ? true : undefined));
  // A join tells only the socket's own user whether they lead.
  const bobSocket = socket(bob.jwt);
  await connected(bobSocket);
  expect((await joinAs(bobSocket, auctionId)).viewerIsLeader).toBe(true);
  expect((await joinAs(aliceSocket, auctionId)).viewerIsLeader).toBe(false);
  expect((await joinAs(watcher, auctionId)).viewerIsLeader).toBeNull();
  const latest = states[states.length - 1]!;
  expect(latest).toMatchObject({ currentPrice: 10_100, bidCount: 2, leaderName: `${bob.username[0]}***${bob.username.at(-1)}` });
  // Sequence numbers only grow.
  expect(states.map((s) => s.seq)).toEqual([...states.map((s) => s.seq)].sort((a, b) => a - b));

  const rows = await eventually('both bids in the ledger', async () => {
    const found = await ledgerRows([auctionId]);
    return found.length === 2 ? found : undefined;
  });
  expect(rows.map((r) => [r.bidId, r.outcome])).toEqual([
    [first.bidId, 'accepted'],
    [second.bidId, 'accepted'],
  ]);

  // The public bid history from the ledger: newest first, names masked, paginated.
  const history = (await (await fetch(`${cmsUrl()}/api/auctions/${auctionId}/bids`)).json()) as BidHistoryPage;
  expect(history.data.map((e) => [e.bidId, e.amount])).toEqual([
    [second.bidId, 10_100],
    [first.bidId, 10_000],
  ]);
  expect(history.data[0]!.bidderName).toBe(`${bob.username[0]}***${bob.username.at(-1)}`);
  expect(JSON.stringify(history)).not.toContain(bob.username);
  expect(history.meta.pagination).toEqual({ page: 1, pageSize: 20, total: 2, pageCount: 1 });
  const page2 = (await (await fetch(`${cmsUrl()}/api/auctions/${auctionId}/bids?page=2&pageSize=1`)).json()) as BidHistoryPage;
  expect(page2.data.map((e) => e.bidId)).toEqual([first.bidId]);
  expect((await fetch(`${cmsUrl()}/api/auctions/${auctionId}/bids?pageSize=1000`)).status).toBe(400);

  await eventually('Strapi shows the winning bid', async () => {
    const auction = await publicAuction(auctionId);
    return auction.currentPrice === '10100' && auction.bidCount === 2 ? auction : undefined;
  });
});

test('a bad or expired token is refused at the handshake; anonymous watchers are fine', async () => {
  const bad = socket('not-a-token');
  await expect(connected(bad)).rejects.toThrow(/unauthorized/);
  const anonymous = socket();
  await connected(anonymous);
  await expect(join(anonymous, 'nosuchauction')).rejects.toThrow(/unknown auction/);
  await expect(join(anonymous, '../x' as string)).rejects.toThrow(/invalid auction id/);
});

test('late bids: stamped before the end but decided after it still count; stamped after, ended', async () => {
  // The worker is away (lag) from before the auction's last bid until after its end.
  expect(await worker.stop()).toBe(0);
  const carol = await registerBidder('carol');
  const auctionId = await createAuction(strapi, { startingPrice: 5_000, minIncrement: 100, endsInMs: 4_000 });
  const inTime = await placeBid(carol, auctionId, 5_000);
  expect(inTime.status).toBe(202);
  const endsAt = Date.parse((await publicAuction(auctionId)).endsAt);
  // A bid stamped after the end cannot come through the cms; put one on the topic directly.
  const producer = kafka.producer();
  await producer.connect();
  const lateId = randomUUID();
  await producer.send({
    topic: BIDS_TOPIC,
    messages: [
      {
        key: auctionId,
        value: JSON.stringify({
          schemaVersion: 1,
          bidId: lateId,
          auctionId,
          bidderId: carol.id,
          bidderUsername: carol.username,
          amount: 9_000,
          placedAt: endsAt + 1,
        }),
      },
    ],
  });
  await producer.disconnect();
  await new Promise((r) => setTimeout(r, Math.max(0, endsAt - Date.now()) + 500));

  worker = await startWorker();
  const watcher2 = socket();
  await connected(watcher2);
  await join(watcher2, auctionId);
  const closed2 = record(watcher2, 'auction:closed');

  const rows = await eventually('both late bids decided', async () => {
    const found = await ledgerRows([auctionId]);
    return found.length === 2 ? found : undefined;
  });
  expect(rows.find((r) => r.bidId === inTime.bidId)).toMatchObject({ outcome: 'accepted' });
  expect(rows.find((r) => r.bidId === lateId)).toMatchObject({ outcome: 'rejected', reason: 'auction_ended' });

  const event = await eventually('the close', async () => closed2[0]);
  expect(event).toMatchObject<Partial<AuctionClosedEvent>>({ auctionId, status: 'sold', finalPrice: 5_000 });
  await eventually('Strapi shows it sold', async () => ((await publicAuction(auctionId)).saleStatus === 'sold' ? true : undefined));
  expect((await redisState(auctionId)).closedAs).toBe('sold');
  // The worker's post-back of the close records the sale for the admins, once.
  const sales = await eventually('the sale is recorded', async () => {
    const found = (await strapi.db.query('api::sale.sale').findMany({ where: { auctionDocumentId: auctionId } })) as Array<
      Record<string, unknown>
    >;
    return found.length > 0 ? found : undefined;
  });
  expect(sales).toHaveLength(1);
  expect(sales[0]).toMatchObject({ hammerPrice: '5000', buyerPremium: '250', total: '5250', paymentStatus: 'awaiting_payment' });
});

test('poison messages go to the dead-letter topic and the worker keeps going', async () => {
  const auctionId = await createAuction(strapi, { startingPrice: 1_000 });
  const dave = await registerBidder('dave');
  const admin = kafka.admin();
  await admin.connect();
  const [dlqBefore] = await admin.fetchTopicOffsets(BIDS_DEAD_LETTER_TOPIC);
  await admin.disconnect();

  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: BIDS_TOPIC,
    messages: [
      { key: auctionId, value: 'this is not json' },
      { key: auctionId, value: JSON.stringify({ schemaVersion: 1, bidId: 'nope', auctionId, amount: -1 }) },
    ],
  });
  await producer.disconnect();
  const after = await placeBid(dave, auctionId, 1_000);
  expect(after.status).toBe(202);
  await eventually('the valid bid after the poison decided', async () =>
    (await ledgerRows([auctionId])).some((r) => r.bidId === after.bidId && r.outcome === 'accepted') ? true : undefined,
  );

  const consumer = kafka.consumer({ groupId: `e2e-dlq-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: BIDS_DEAD_LETTER_TOPIC, fromBeginning: true });
  const reasons: string[] = [];
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (BigInt(message.offset) >= BigInt(dlqBefore!.high) && message.key?.toString() === auctionId) {
        reasons.push(String(message.headers?.reason));
      }
    },
  });
  await eventually('two dead letters', async () => (reasons.length >= 2 ? true : undefined));
  await consumer.disconnect();
  expect(reasons).toEqual(expect.arrayContaining(['not JSON', expect.stringMatching(/^schema:/)]));
});

test('health and metrics', async () => {
  const health = await fetch(`${worker.url}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok', redis: 'ready' });
  const metrics = await (await fetch(`${worker.url}/metrics`)).text();
  expect(metrics).toMatch(/bids_decided_total\{outcome="accepted",reason=""\} \d+/);
  expect(metrics).toMatch(/bid_decision_latency_seconds_bucket/);
  expect(metrics).toMatch(/bids_consumer_lag\{partition="\d+"\}/);
  expect(metrics).toMatch(/socketio_connected_sockets \d+/);
});
