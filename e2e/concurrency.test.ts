import type { Core } from '@strapi/strapi';
import { createAuction, fetchPublicAuction, startCms, stopCms } from './helpers/cms';
import { eventually, placeBid, pooled, registerBidders, type Bidder } from './helpers/bidders';
import { closeClients, redisState } from './helpers/ledger';
import { auditAuctions } from './helpers/audit';
import { runSeed, seededRandom } from '@car-auction/test-support/random';
import { startWorker, type WorkerProcess } from './helpers/worker';

let strapi: Core.Strapi;
let worker: WorkerProcess;

beforeAll(async () => {
  strapi = await startCms();
  worker = await startWorker();
});

afterAll(async () => {
  await worker?.stop();
  await closeClients();
  await stopCms();
});

test('20 bidders x 50 concurrent bids on one auction: the result equals the oracle replay of the ledger', async () => {
  const auctionId = await createAuction(strapi, { startingPrice: 10_000, minIncrement: 100 });
  const bidders: Bidder[] = await registerBidders(20, 'crowd');
  // Each bidder raises through its own ladder of amounts; the ladders interleave,
  // so many bids tie or fall below a price set a moment earlier. About 30 % carry a
  // maximum a few increments up (seeded), so maximums meet, answer bids and are raised.
  const seed = runSeed(20);
  const random = seededRandom(seed);
  const tasks = bidders.flatMap((bidder, b) =>
    Array.from({ length: 50 }, (_, round) => {
      const amount = 10_000 + (round * 20 + ((b * 7) % 20)) * 100;
      const maxAmount = random() < 0.3 ? amount + (1 + Math.floor(random() * 40)) * 100 : undefined;
      return () => placeBid(bidder, auctionId, amount, undefined, { maxAmount });
    }),
  );
  const placed = await pooled(tasks, 50);
  const accepted = placed.filter((p) => p.status === 202);
  // The rest were refused by the cms as below the minimum it knew (or a maximum below it, or a
  // leader's maximum below the price): a 422, never a 5xx.
  expect(placed.filter((p) => p.status !== 202).every((p) => p.status === 422)).toBe(true);
  expect(accepted.filter((p) => p.maxAmount !== undefined).length).toBeGreaterThan(20);
  expect(accepted.length).toBeGreaterThan(20);

  const summary = await auditAuctions(strapi, [auctionId], placed);
  const state = await redisState(auctionId);
  await eventually('Strapi follows the final state', async () => {
    const auction = await fetchPublicAuction(auctionId);
    return auction.currentPrice === state.currentPrice && String(auction.bidCount) === state.bidCount ? true : undefined;
  });
  console.log(
    `concurrency (seed ${seed}): ${placed.length} bids sent, ${accepted.length} accepted by the cms, ledger/oracle ${JSON.stringify(summary)}`,
  );
});
