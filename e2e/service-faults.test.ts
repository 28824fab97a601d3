import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { io as connect, type Socket } from 'socket.io-client';
import {
  AUCTION_STATE_EPOCH_KEY,
  AUCTIONS_BY_END_KEY,
  auctionOutcomesKey,
  auctionStateKey,
  type AuctionLiveState,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@car-auction/contracts';
import { Redis } from 'ioredis';
import { createAuction, startCms } from './helpers/cms';
import { eventually, placeBid, registerBidders, type Bidder, type PlacedBid } from './helpers/bidders';
import { redisState } from './helpers/ledger';
import { auditAuctions } from './helpers/audit';
import { sleep, streamBids } from './helpers/load';
import {
  dependencyGauges,
  infraInBackground,
  isOurs,
  killNine,
  restartRedisWithoutData,
  workerHealth,
} from '@car-auction/test-support/services';
import { startFailoverWorker, type WorkerProcess } from './helpers/worker';
import { stopSystem } from './helpers/system';

/**
 * The services themselves fail under load: the Kafka broker, FerretDB and its
 * PostgreSQL are killed with SIGKILL and started again; Redis restarts with
 * none of its data. The worker rides each one out in the same process (it
 * waits, says on /healthz what it waits for, and carries on), so no test here
 * restarts a worker. They run only against services the project's scripts
 * started (scripts/test.sh does).
 */
let strapi: Core.Strapi;
let bidders: Bidder[];
/** Never bid in a stream, so never lead before their bid: a leader's bid only changes their maximum. */
let latecomers: Bidder[];
const workers = new Set<WorkerProcess>();
const sockets: Socket[] = [];

type Watcher = Socket<ServerToClientEvents, ClientToServerEvents>;

beforeAll(async () => {
  strapi = await startCms();
  [bidders, latecomers] = await Promise.all([registerBidders(8, 'fault'), registerBidders(2, 'late')]);
});

afterAll(() => stopSystem({ sockets, workers }));

async function launch() {
  const worker = await startFailoverWorker();
  workers.add(worker);
  return worker;
}

/** The worker is the same process it was: never exited, never replaced. */
function expectSameProcess(worker: WorkerProcess) {
  expect(worker.child.exitCode).toBeNull();
  expect(worker.child.signalCode).toBeNull();
  expect(() => process.kill(worker.pid, 0)).not.toThrow();
}

const degradedBy = (worker: WorkerProcess, dependency: string, timeoutMs = 30_000) =>
  eventually(
    `/healthz degraded naming ${dependency}`,
    async () => {
      const health = await workerHealth(worker.url);
      return health.httpStatus === 503 && health.status === 'degraded' && health.down.includes(dependency) ? health : undefined;
    },
    timeoutMs,
  );

const servingAgain = (worker: WorkerProcess, timeoutMs = 120_000) =>
  eventually(
    '/healthz ok again',
    async () => {
      const health = await workerHealth(worker.url);
      return health.httpStatus === 200 && health.status === 'ok' ? health : undefined;
    },
    timeoutMs,
  );

/** A Socket.IO client watching one auction: every state it is sent, and how often it lost its connection. */
async function watch(worker: WorkerProcess, auctionId: string) {
  const socket: Watcher = connect(worker.url, { transports: ['websocket'], reconnection: true });
  sockets.push(socket as Socket);
  const states: AuctionLiveState[] = [];
  let disconnects = 0;
  socket.on('disconnect', () => disconnects++);
  socket.on('auction:state', (state) => states.push(state));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const joined = await new Promise<AuctionLiveState>((resolve, reject) =>
    socket.emit('auction:join', auctionId, (res) => ('data' in res ? resolve(res.data.state) : reject(new Error(res.error)))),
  );
  states.push(joined);
  return { socket, states, disconnects: () => disconnects, id: socket.id };
}

/**
 * After the outage: one bid per auction well above anything the stream placed (its maximums included),
 * from a bidder who leads nowhere, so it sets the price; each taken (202).
 */
async function bidsAfterRecovery(auctionIds: string[], amount: number): Promise<PlacedBid[]> {
  const placed = await Promise.all(auctionIds.map((id) => placeBid(latecomers[0]!, id, amount, randomUUID())));
  expect(placed.map((p) => p.status)).toEqual(auctionIds.map(() => 202));
  return placed;
}

(isOurs('kafka') ? test : test.skip)(
  'Kafka killed with SIGKILL for longer than kafkajs retries: the same worker waits, degraded, keeps its sockets, and loses no 202 bid',
  async () => {
    const auctionIds = await Promise.all(
      Array.from({ length: 4 }, () => createAuction(strapi, { startingPrice: 10_000, minIncrement: 100 })),
    );
    const worker = await launch();
    const watcher = await watch(worker, auctionIds[0]!);
    // About 10 bids a second, through the outage and past it.
    const stream = streamBids(bidders, auctionIds, 30, 10, 1_000);
    await sleep(4_000);
    killNine('kafka');
    const killedAt = Date.now();

    const degraded = await degradedBy(worker, 'kafka');
    expect(degraded.dependencies).toMatchObject({ kafka: 'down', redis: 'up', mongo: 'up' });
    expect((await dependencyGauges(worker.url)).kafka).toBe(0);
    // Down for longer than kafkajs's own retries (about 9 s), which used to end the process.
    await sleep(Math.max(0, killedAt + 35_000 - Date.now()));
    expectSameProcess(worker);
    expect((await workerHealth(worker.url)).down).toContain('kafka');
    await infraInBackground('kafka', 'start');

    await servingAgain(worker);
    expect(await dependencyGauges(worker.url)).toEqual({ kafka: 1, redis: 1, mongo: 1, cms: 1 });
    const streamed = await stream;
    const after = await bidsAfterRecovery(auctionIds, 1_000_000);
    const placed = [...streamed, ...after];

    const accepted = placed.filter((p) => p.status === 202);
    const unavailable = placed.filter((p) => p.status === 503);
    // The outage was real (bids were refused while the broker was down), and bids were accepted on both sides of it.
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.every((p) => p.error?.details.code === 'bids_unavailable')).toBe(true);
    expect(placed.filter((p) => p.status >= 500 && p.status !== 503)).toEqual([]);
    const summary = await auditAuctions(strapi, auctionIds, placed);

    // The socket connected before the outage is the same connection, and it has the live state after it.
    const finalSeq = Number((await redisState(auctionIds[0]!)).seq);
    await eventually('the watcher to have the state after the outage', async () =>
      watcher.states.at(-1)!.seq === finalSeq ? true : undefined,
    );
    expect(watcher.states.at(-1)).toMatchObject({ currentPrice: 1_000_000 });
    expect(watcher.disconnects()).toBe(0);
    expect(watcher.socket.connected).toBe(true);
    expect(watcher.socket.id).toBe(watcher.id);
    expectSameProcess(worker);
    console.log(
      `kafka kill: ${placed.length} bids sent, ${accepted.length} got a 202, ${unavailable.length} a 503 during the outage; same worker (pid ${worker.pid}); per auction ${JSON.stringify(Object.values(summary))}`,
    );
    await worker.stop();
    workers.delete(worker);
  },
  240_000,
);

/**
 * A ledger outage under load: `kill` takes the ledger down, the same worker must
 * report it and hold its chunks (held at least `heldMs`), `restore` brings it
 * back; then every bid the cms took is audited. The cms takes bids all along (a
 * 202, or a 422 below the minimum): they wait in Kafka, uncommitted.
 */
async function ledgerOutageRound(what: string, kill: () => void, heldMs: number, restore: () => Promise<void>) {
  const auctionIds = await Promise.all(
    Array.from({ length: 4 }, () => createAuction(strapi, { startingPrice: 10_000, minIncrement: 100 })),
  );
  const worker = await launch();
  const stream = streamBids(bidders, auctionIds, 20, 10, 1_000);
  await sleep(4_000);
  kill();
  const killedAt = Date.now();
  const degraded = await degradedBy(worker, 'mongo');
  expect(degraded.dependencies).toMatchObject({ kafka: 'up', redis: 'up', mongo: 'down' });
  await sleep(Math.max(0, killedAt + heldMs - Date.now()));
  expectSameProcess(worker);
  await restore();
  await servingAgain(worker);

  const placed = [...(await stream), ...(await bidsAfterRecovery(auctionIds, 1_000_000))];
  expect(placed.filter((p) => p.status !== 202 && p.status !== 422)).toEqual([]);
  const summary = await auditAuctions(strapi, auctionIds, placed);
  expectSameProcess(worker);
  console.log(
    `${what}: ${placed.length} bids, ${placed.filter((p) => p.status === 202).length} got a 202; same worker; per auction ${JSON.stringify(Object.values(summary))}`,
  );
  await worker.stop();
  workers.delete(worker);
}

(isOurs('mongo') ? test : test.skip)(
  'FerretDB killed with SIGKILL mid-load and restarted: the same worker holds its chunks until the ledger is back; no 202 bid is lost',
  () =>
    ledgerOutageRound(
      'ferretdb kill',
      () => killNine('mongo'),
      12_000,
      () => infraInBackground('mongo', 'start').then(() => undefined),
    ),
  180_000,
);

(isOurs('ferretdb-postgres') ? test : test.skip)(
  "FerretDB's PostgreSQL killed with SIGKILL mid-load: FerretDB still answers but cannot write; the worker waits, degraded, and loses nothing",
  // Seen through failed ledger writes: the ledger server's socket stays up. infra/mongo.sh starts
  // PostgreSQL only together with FerretDB: stop FerretDB (its PostgreSQL is gone), start both.
  () =>
    ledgerOutageRound(
      'ferretdb-postgres kill',
      () => killNine('ferretdb-postgres'),
      10_000,
      async () => {
        await infraInBackground('mongo', 'stop');
        await infraInBackground('mongo', 'start');
      },
    ),
  180_000,
);

(isOurs('redis') ? test : test.skip)(
  'Redis restarted without its data: the same worker rebuilds the state from the ledger, and it equals the state before',
  async () => {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 20 });
    try {
      const auctionIds = await Promise.all([
        ...Array.from({ length: 4 }, (_, i) =>
          createAuction(strapi, { startingPrice: 10_000, minIncrement: 100, reservePrice: i % 2 ? 12_000 : undefined }),
        ),
        // Ends while bids stream, soft close (capped) extending it: closed before Redis goes, and late
        // bids are refused. The rebuild must bring back its configured end, not the extended one.
        createAuction(strapi, { startingPrice: 10_000, minIncrement: 100, endsInMs: 5_000, softCloseSeconds: 2, softCloseCapSeconds: 3 }),
      ]);
      const worker = await launch();
      const placed = await streamBids(bidders, auctionIds, 20, 25, 500);
      const closedEarly = auctionIds[4]!;
      await eventually('the short auction closed', async () => ((await redisState(closedEarly)).closedAs ? true : undefined), 60_000);
      await auditAuctions(strapi, auctionIds, placed);

      const snapshot = async () => {
        const out: Record<string, unknown> = {};
        for (const id of auctionIds) {
          out[id] = {
            state: await redis.hgetall(auctionStateKey(id)),
            outcomes: await redis.hgetall(auctionOutcomesKey(id)),
            end: await redis.zscore(AUCTIONS_BY_END_KEY, id),
          };
        }
        return out;
      };
      const before = await snapshot();
      const epochBefore = await redis.get(AUCTION_STATE_EPOCH_KEY);
      expect(epochBefore).toMatch(/^ready:/);

      restartRedisWithoutData();
      // The worker notices within a closer tick, so the state may be back before we look:
      // a new epoch is the sign that it was rebuilt, not kept.
      await eventually(
        'the state rebuilt',
        async () => {
          const epoch = (await redis.get(AUCTION_STATE_EPOCH_KEY)) ?? '';
          return epoch.startsWith('ready:') && epoch !== epochBefore ? true : undefined;
        },
        60_000,
      );
      // The closer closes the short auction again from the same state: wait for it, then compare everything.
      await eventually('the short auction closed again', async () => ((await redisState(closedEarly)).closedAs ? true : undefined), 60_000);
      expect(await snapshot()).toEqual(before);
      await servingAgain(worker);

      // And bidding goes on from the restored state, maximums included: too low is refused; above the
      // restored leader's maximum is taken, at its amount.
      const live = auctionIds[0]!;
      const restored = (before[live] as { state: Record<string, string> }).state;
      const price = Number(restored.currentPrice);
      const seq = Number(restored.seq);
      const above = Math.max(price, Number(restored.leaderMax)) + 100;
      const low = await placeBid(latecomers[0]!, live, price);
      const high = await placeBid(latecomers[1]!, live, above);
      expect([low.status, high.status]).toEqual([422, 202]);
      await eventually('the new bid decided', async () => ((await redisState(live)).seq === String(seq + 1) ? true : undefined));
      expect(await redisState(live)).toMatchObject({
        currentPrice: String(above),
        leaderId: String(latecomers[1]!.id),
        leaderMax: String(above),
      });
      expectSameProcess(worker);
      await worker.stop();
      workers.delete(worker);
    } finally {
      redis.disconnect();
    }
  },
);
