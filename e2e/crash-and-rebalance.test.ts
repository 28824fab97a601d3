import type { Core } from '@strapi/strapi';
import { createAuction, startCms, stopCms } from './helpers/cms';
import { placeBid, pooled, registerBidder, type Bidder, type PlacedBid } from './helpers/bidders';
import { closeClients } from './helpers/ledger';
import { auditAuctions } from './helpers/audit';
import { startWorker, type WorkerProcess } from './helpers/worker';

const FAST_FAILOVER = { KAFKA_SESSION_TIMEOUT_MS: '6000', LOG_LEVEL: 'warn' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let strapi: Core.Strapi;
let bidders: Bidder[];
const workers = new Set<WorkerProcess>();

async function launch() {
  const worker = await startWorker(FAST_FAILOVER);
  workers.add(worker);
  return worker;
}

/**
 * A paced stream of bids over several auctions: `waves` waves of `perWave` bids,
 * one wave every `everyMs`. Amounts mostly rise, with jitter, so a share of bids
 * lose to ones decided a moment earlier.
 */
async function streamBids(auctionIds: string[], waves: number, perWave: number, everyMs: number): Promise<PlacedBid[]> {
  const placed: PlacedBid[] = [];
  const ladder = new Map(auctionIds.map((id) => [id, 10_000]));
  for (let wave = 0; wave < waves; wave++) {
    const started = Date.now();
    const tasks = Array.from({ length: perWave }, (_, i) => {
      const auctionId = auctionIds[(wave * perWave + i) % auctionIds.length]!;
      const base = ladder.get(auctionId)! + 100;
      ladder.set(auctionId, base);
      const amount = base + Math.floor(Math.random() * 5) * 100;
      const bidder = bidders[Math.floor(Math.random() * bidders.length)]!;
      return () => placeBid(bidder, auctionId, amount);
    });
    placed.push(...(await pooled(tasks, 20)));
    await sleep(Math.max(0, everyMs - (Date.now() - started)));
  }
  return placed;
}

beforeAll(async () => {
  strapi = await startCms();
  bidders = await Promise.all(Array.from({ length: 12 }, (_, i) => registerBidder(`chaos${i}x`)));
});

afterAll(async () => {
  for (const worker of workers) if (worker.child.exitCode === null) await worker.stop();
  await closeClients();
  await stopCms();
});

test('kill -9 the worker at random moments during 2,400 bids: every 202 bid is in the ledger once, state equals the oracle', async () => {
  const auctionIds = await Promise.all(Array.from({ length: 6 }, () => createAuction(strapi, { startingPrice: 10_000, minIncrement: 100 })));
  let worker = await launch();
  let streaming = true;
  let kills = 0;

  const chaos = (async () => {
    // Bounded: at most 5 kills, each after 1.5-4 s of work.
    while (streaming && kills < 5) {
      await sleep(1_500 + Math.random() * 2_500);
      if (!streaming) break;
      await worker.kill9();
      workers.delete(worker);
      kills += 1;
      worker = await launch();
    }
  })();
  const placed = await streamBids(auctionIds, 40, 60, 400);
  streaming = false;
  await chaos;

  const accepted = placed.filter((p) => p.status === 202).length;
  expect(placed.filter((p) => p.status >= 500)).toEqual([]);
  expect(kills).toBeGreaterThanOrEqual(2);
  const summary = await auditAuctions(strapi, auctionIds, placed);
  // eslint-disable-next-line no-console
  console.log(`kill test: ${placed.length} bids sent, ${accepted} got a 202, ${kills} kill -9s; every 202 bid in the ledger once; per auction ${JSON.stringify(Object.values(summary))}`);
  await worker.stop();
  workers.delete(worker);
});

test('a second worker joins mid-stream and one leaves: the same guarantees', async () => {
  const auctionIds = await Promise.all(Array.from({ length: 8 }, () => createAuction(strapi, { startingPrice: 10_000, minIncrement: 100 })));
  const first = await launch();
  const stream = streamBids(auctionIds, 25, 60, 400);
  await sleep(2_500);
  const second = await launch();
  const partitionsOf = async (w: WorkerProcess) => ((await (await fetch(`${w.url}/healthz`)).json()) as any).partitions as number[];
  // Both own partitions once the rebalance settles.
  let split: number[][] = [];
  for (let i = 0; i < 50 && !(split.length === 2 && split.every((p) => p.length > 0)); i++) {
    split = [await partitionsOf(first), await partitionsOf(second)];
    await sleep(200);
  }
  expect(split.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  await sleep(2_000);
  expect(await first.stop()).toBe(0);
  workers.delete(first);
  const placed = await stream;

  expect(placed.filter((p) => p.status >= 500)).toEqual([]);
  const summary = await auditAuctions(strapi, auctionIds, placed);
  // eslint-disable-next-line no-console
  console.log(`rebalance test: ${placed.length} bids sent, ${placed.filter((p) => p.status === 202).length} got a 202; split ${JSON.stringify(split)}; per auction ${JSON.stringify(Object.values(summary))}`);
});
