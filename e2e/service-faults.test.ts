import type { Core } from '@strapi/strapi';
import { AUCTION_STATE_EPOCH_KEY, AUCTIONS_BY_END_KEY, auctionOutcomesKey, auctionStateKey } from '@car-auction/contracts';
import { Redis } from 'ioredis';
import { createAuction, startCms } from './helpers/cms';
import { eventually, placeBid, registerBidders, type Bidder } from './helpers/bidders';
import { redisState } from './helpers/ledger';
import { auditAuctions } from './helpers/audit';
import { sleep, streamBids } from './helpers/load';
import { infra, isOurs, killNine, restartRedisWithoutData } from './helpers/services';
import { startFailoverWorker, type WorkerProcess } from './helpers/worker';
import { stopSystem } from './helpers/system';

/**
 * The services themselves fail under load: the Kafka broker is killed with
 * SIGKILL and restarted; Redis restarts with none of its data. Both run only
 * against services the project's scripts started (scripts/test.sh does).
 */
let strapi: Core.Strapi;
let bidders: Bidder[];
const workers = new Set<WorkerProcess>();

/** Keeps one worker running, as an orchestrator would: a worker that exits is started again. */
async function supervisedWorker() {
  let current = await startFailoverWorker();
  workers.add(current);
  let running = true;
  let restarts = 0;
  const loop = (async () => {
    while (running) {
      await Promise.race([current.exited, sleep(500)]);
      if (running && current.child.exitCode !== null) {
        workers.delete(current);
        restarts++;
        current = await startFailoverWorker();
        workers.add(current);
      }
    }
  })();
  return {
    restarts: () => restarts,
    async stop() {
      running = false;
      await loop;
      await current.stop();
      workers.delete(current);
    },
  };
}

beforeAll(async () => {
  strapi = await startCms();
  bidders = await registerBidders(8, 'fault');
});

afterAll(() => stopSystem({ workers }));

(isOurs('kafka') ? test : test.skip)('Kafka killed with SIGKILL mid-load and restarted: no bid that got a 202 is lost', async () => {
  const auctionIds = await Promise.all(
    Array.from({ length: 6 }, () => createAuction(strapi, { startingPrice: 10_000, minIncrement: 100 })),
  );
  const worker = await supervisedWorker();
  const stream = streamBids(bidders, auctionIds, 40, 30, 500);
  await sleep(4_000);
  killNine('kafka');
  await sleep(3_000);
  infra('kafka', 'start');
  const placed = await stream;
  await worker.stop().catch(() => undefined);
  const fresh = await supervisedWorker();

  const accepted = placed.filter((p) => p.status === 202);
  const unavailable = placed.filter((p) => p.status === 503);
  // The outage was real (bids were refused while the broker was down), and bids were accepted on both sides of it.
  expect(unavailable.length).toBeGreaterThan(0);
  expect(unavailable.every((p) => p.error?.details.code === 'bids_unavailable')).toBe(true);
  expect(placed.filter((p) => p.status >= 500 && p.status !== 503)).toEqual([]);
  expect(accepted.length).toBeGreaterThan(placed.length / 3);
  const summary = await auditAuctions(strapi, auctionIds, placed);
  console.log(
    `kafka kill: ${placed.length} bids sent, ${accepted.length} got a 202, ${unavailable.length} a 503 during the outage; worker restarts ${worker.restarts()}; per auction ${JSON.stringify(Object.values(summary))}`,
  );
  await fresh.stop();
});

(isOurs('redis') ? test : test.skip)(
  'Redis restarted without its data: the state is rebuilt from the ledger and equals the state before',
  async () => {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 20 });
    try {
      const auctionIds = await Promise.all([
        ...Array.from({ length: 4 }, (_, i) =>
          createAuction(strapi, { startingPrice: 10_000, minIncrement: 100, reservePrice: i % 2 ? 12_000 : undefined }),
        ),
        // Ends while bids stream: closed before Redis goes, and late bids are refused.
        createAuction(strapi, { startingPrice: 10_000, minIncrement: 100, endsInMs: 5_000 }),
      ]);
      const worker = await supervisedWorker();
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

      // And bidding goes on from the restored state: too low is refused, above it is taken.
      const live = auctionIds[0]!;
      const price = Number((before[live] as { state: Record<string, string> }).state.currentPrice);
      const seq = Number((before[live] as { state: Record<string, string> }).state.seq);
      const low = await placeBid(bidders[0]!, live, price);
      const high = await placeBid(bidders[1]!, live, price + 100);
      expect([low.status, high.status]).toEqual([422, 202]);
      await eventually('the new bid decided', async () => ((await redisState(live)).seq === String(seq + 1) ? true : undefined));
      expect(await redisState(live)).toMatchObject({ currentPrice: String(price + 100), leaderId: String(bidders[1]!.id) });
      await worker.stop();
    } finally {
      redis.disconnect();
    }
  },
);
