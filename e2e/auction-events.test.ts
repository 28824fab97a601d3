import type { Core } from '@strapi/strapi';
import { auctionEventIds, type AuctionEvent } from '@car-auction/contracts';
import { tapAuctionEvents, type AuctionEventTap } from './helpers/auction-events';
import { createAuction, startCms } from './helpers/cms';
import { eventually, placeBid, registerBidder, type Bidder } from './helpers/bidders';
import { redisState } from './helpers/ledger';
import { startWorker, type WorkerProcess } from './helpers/worker';
import { stopSystem } from './helpers/system';

/**
 * The facts people are told about (issue 14, item 1), as the notifier reads
 * them from `auction-events`: produced by the worker after each committed
 * chunk (outbid, leading, reserve met), by its ticker (ending soon, closed) and
 * for the cms (withdrawn), each once under an id derived from its cause.
 */
let strapi: Core.Strapi;
let worker: WorkerProcess;
let tap: AuctionEventTap;

beforeAll(async () => {
  strapi = await startCms();
  worker = await startWorker({ EVENTS_TICK_MS: '200' });
  tap = await tapAuctionEvents();
});
afterAll(async () => {
  await tap?.stop();
  await stopSystem({ workers: [worker] });
});

/** The events of one auction, each id once (the topic is at-least-once; the notifier acts once per id). */
const distinct = (events: AuctionEvent[]) => [...new Map(events.map((e) => [e.eventId, e])).values()];
const summary = (events: AuctionEvent[]) =>
  distinct(events).map((e) => {
    if (e.kind === 'outbid' || e.kind === 'leading') return `${e.kind} ${e.userId} ${e.price}`;
    if (e.kind === 'reserve_met') return `reserve_met ${e.price}`;
    if (e.kind === 'ending_soon') return `ending_soon ${e.window}`;
    if (e.kind === 'closed') return `closed ${e.status} ${e.finalPrice} winner ${e.winnerId} leader ${e.leaderId}`;
    return `withdrawn ${e.reason}`;
  });
const accepted = async (bidder: Bidder, auctionId: string, amount: number) => {
  const placed = await placeBid(bidder, auctionId, amount);
  expect(placed.status).toBe(202);
  await eventually(`bid ${amount} decided`, async () => (Number((await redisState(auctionId)).currentPrice) === amount ? true : undefined));
};

test('a bidding war tells who was outbid, who leads, when the reserve is met, that the end is near, and who won', async () => {
  // $100 start, $1 increments, a $150 reserve; ends in 8 s (so inside the 10-minute reminder window from the start).
  const auctionId = await createAuction(strapi, { startingPrice: 10_000, minIncrement: 100, reservePrice: 15_000, endsInMs: 8_000 });
  const [alice, bob] = (await Promise.all([registerBidder('ev-alice'), registerBidder('ev-bob')])) as [Bidder, Bidder];

  await accepted(alice, auctionId, 10_000);
  await accepted(bob, auctionId, 12_000);
  await accepted(alice, auctionId, 16_000);

  const events = await eventually(
    'the close is announced',
    async () => {
      const mine = tap.events([auctionId]);
      return mine.some((e) => e.kind === 'closed') ? mine : undefined;
    },
    30_000,
  );
  const bidEvents = summary(events).filter((s) => !s.startsWith('ending_soon'));
  expect(bidEvents).toEqual([
    `leading ${alice.id} 10000`,
    `outbid ${alice.id} 12000`,
    `leading ${bob.id} 12000`,
    `outbid ${bob.id} 16000`,
    `leading ${alice.id} 16000`,
    'reserve_met 16000',
    `closed sold 16000 winner ${alice.id} leader ${alice.id}`,
  ]);
  // One reminder, the tightest window (10 minutes): "1 hour left" would be wrong this close to the end.
  expect(summary(events).filter((s) => s.startsWith('ending_soon'))).toEqual(['ending_soon 10m']);
  // Ids come from causes: the close's from the auction, a bid's events from the bid.
  expect(distinct(events).find((e) => e.kind === 'closed')!.eventId).toBe(auctionEventIds.closed(auctionId));
});

test('an auction that ends below its reserve is announced unsold, with the highest bidder but no winner', async () => {
  const auctionId = await createAuction(strapi, { startingPrice: 10_000, minIncrement: 100, reservePrice: 50_000, endsInMs: 4_000 });
  const carol = await registerBidder('ev-carol');
  await accepted(carol, auctionId, 10_000);
  const closed = await eventually('the close is announced', async () => tap.events([auctionId]).find((e) => e.kind === 'closed'), 30_000);
  expect(closed).toMatchObject({ status: 'unsold', finalPrice: 10_000, winnerId: null, leaderId: carol.id });
  expect(summary(tap.events([auctionId])).filter((s) => s.startsWith('reserve_met'))).toEqual([]);
});

test("an admin's withdrawal is announced with the reason bidders see", async () => {
  const auctionId = await createAuction(strapi, { startingPrice: 10_000, minIncrement: 100 });
  const dave = await registerBidder('ev-dave');
  await accepted(dave, auctionId, 10_000);
  const actions = strapi.plugin('auction-admin').service('auction-actions') as {
    withdraw(id: string, reason: string, by: { id: number }): Promise<{ ok: boolean }>;
  };
  expect((await actions.withdraw(auctionId, 'The seller sold the car privately.', { id: 1 })).ok).toBe(true);
  const withdrawn = await eventually('the withdrawal is announced', async () =>
    tap.events([auctionId]).find((e) => e.kind === 'withdrawn'),
  );
  expect(withdrawn).toMatchObject({ eventId: auctionEventIds.withdrawn(auctionId), reason: 'The seller sold the car privately.' });
  // Withdrawn, never closed: no result to announce.
  await eventually('the worker has caught up', async () => ((await redisState(auctionId)).withdrawn === '1' ? true : undefined));
  expect(tap.events([auctionId]).some((e) => e.kind === 'closed')).toBe(false);
});
