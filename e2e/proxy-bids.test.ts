import type { Core } from '@strapi/strapi';
import type { BidHistoryPage, BidNoticesEvent } from '@car-auction/contracts';
import { cmsUrl, createAuction, fetchPublicAuction, startCms } from './helpers/cms';
import { eventually, placeBid, registerBidder, type Bidder } from './helpers/bidders';
import { ledgerRows, redisState } from './helpers/ledger';
import { connected, joinAs, recordAll, record, socketFactory } from './helpers/sockets';
import { startWorker, type WorkerProcess } from './helpers/worker';
import { stopSystem } from './helpers/system';

/**
 * Maximums through the whole system (cms -> Kafka -> worker -> ledger, Redis,
 * Strapi, Socket.IO): the README's worked example, and that a maximum is seen
 * by its owner only, never in a public answer, event or history.
 */
let strapi: Core.Strapi;
let worker: WorkerProcess;
const { sockets, socket } = socketFactory(() => worker.url);

beforeAll(async () => {
  strapi = await startCms();
  worker = await startWorker();
});
afterAll(() => stopSystem({ sockets, workers: [worker] }));

const publicText = async (auctionId: string) => {
  // The list holds other suites' auctions too, whose prices may equal this test's secrets: only this one's entry counts.
  const list = (await (await fetch(`${cmsUrl()}/api/auctions?populate=car&filters[documentId][$eq]=${auctionId}`)).json()) as {
    data: Array<{ documentId: string }>;
  };
  const listed = list.data.find((a) => a.documentId === auctionId);
  expect(listed).toBeDefined();
  return JSON.stringify([
    await (await fetch(`${cmsUrl()}/api/auctions/${auctionId}`)).json(),
    listed,
    await (await fetch(`${cmsUrl()}/api/auctions/${auctionId}/bids`)).json(),
  ]);
};

/** Whether `text` holds `amount` as a number of its own (not as digits inside a timestamp). */
const mentions = (text: string, amount: number) => new RegExp(`(?<![\\d.])${amount}(?![\\d.])`).test(text);

const outcomesOf = (notices: BidNoticesEvent[]) => notices.flatMap((n) => n.outcomes);

test("two maximums settle at once, and each stays its owner's secret", async () => {
  // $10,000 start, fixed $100 increments (cents).
  const auctionId = await createAuction(strapi, { startingPrice: 1_000_000, minIncrement: 10_000 });
  const [alice, bob, carol] = (await Promise.all(['alice', 'bob', 'carol'].map((name) => registerBidder(name)))) as [
    Bidder,
    Bidder,
    Bidder,
  ];

  const watcher = socket();
  const aliceSocket = socket(alice.jwt);
  const bobSocket = socket(bob.jwt);
  await Promise.all([watcher, aliceSocket, bobSocket].map(connected));
  await Promise.all([watcher, aliceSocket, bobSocket].map((s) => joinAs(s, auctionId)));
  const watcherSaw = recordAll(watcher);
  const bobSaw = recordAll(bobSocket);
  const bobNotices = record(bobSocket, 'bid:notices');
  const aliceNotices = record(aliceSocket, 'bid:notices');

  // 1. Alice: $10,000 with a maximum of $12,000. The 202 echoes her maximum to her.
  const a1 = await placeBid(alice, auctionId, 1_000_000, undefined, { maxAmount: 1_200_000 });
  expect(a1.status).toBe(202);
  await eventually('alice leads', async () => ((await redisState(auctionId)).leaderId === String(alice.id) ? true : undefined));
  expect(await joinAs(aliceSocket, auctionId)).toMatchObject({ viewerIsLeader: true, viewerMaximum: 1_200_000 });
  expect(await joinAs(bobSocket, auctionId)).toMatchObject({ viewerIsLeader: false, viewerMaximum: null });
  expect(await joinAs(watcher, auctionId)).toMatchObject({ viewerIsLeader: null, viewerMaximum: null });

  // 2. Bob: $10,500 up to $11,000. Alice's earlier maximum answers at once: $11,100.
  const b1 = await placeBid(bob, auctionId, 1_050_000, undefined, { maxAmount: 1_100_000 });
  expect(b1.status).toBe(202);
  const bobOutcome = await eventually('bob told', async () => outcomesOf(bobNotices).find((o) => o.bidId === b1.bidId));
  expect(bobOutcome).toMatchObject({ outcome: 'rejected', reason: 'outbid_by_maximum', maxAmount: 1_100_000, currentPrice: 1_110_000 });
  await eventually('the watcher sees $11,100', async () =>
    watcherSaw.some((e) => e.event === 'auction:state' && (e.payload as { currentPrice: number }).currentPrice === 1_110_000)
      ? true
      : undefined,
  );
  // Alice's maximum is in nothing public, nor in anything Bob was sent.
  await eventually("Strapi's copy at $11,100", async () =>
    (await fetchPublicAuction(auctionId)).currentPrice === '1110000' ? true : undefined,
  );
  expect(mentions(await publicText(auctionId), 1_200_000)).toBe(false);
  expect(mentions(JSON.stringify(watcherSaw), 1_200_000)).toBe(false);
  expect(mentions(JSON.stringify(bobSaw), 1_200_000)).toBe(false);

  // 3. Carol: $11,200 up to $15,000. Alice's maximum is used up ($12,000), Carol leads at $12,100.
  const c1 = await placeBid(carol, auctionId, 1_120_000, undefined, { maxAmount: 1_500_000 });
  expect(c1.status).toBe(202);
  await eventually('carol leads at $12,100', async () => {
    const state = await redisState(auctionId);
    return state.leaderId === String(carol.id) && state.currentPrice === '1210000' ? state : undefined;
  });
  const aliceOutbid = await eventually('alice told she was outbid', async () =>
    aliceNotices.flatMap((n) => n.outbids).find((o) => o.auctionId === auctionId),
  );
  expect(aliceOutbid).toMatchObject({ currentPrice: 1_210_000, minimumNextBid: 1_220_000 });

  // 4. Carol raises her maximum: the price stays. 5. Lowering it below the price is refused at once.
  const c2 = await placeBid(carol, auctionId, 1_220_000, undefined, { maxAmount: 2_000_000 });
  expect(c2.status).toBe(202);
  const c3 = await placeBid(carol, auctionId, 1_000_000, undefined, { maxAmount: 1_100_000 });
  expect(c3.status).toBe(422);
  expect(c3.error?.details.code).toBe('max_below_price');

  const rows = await eventually('every row in the ledger', async () => {
    const found = await ledgerRows([auctionId]);
    return found.length === 6 ? found : undefined;
  });
  const byId = new Map(rows.map((r) => [r.bidId, r]));
  expect(byId.get(`${b1.bidId}:auto`)).toMatchObject({ kind: 'proxy', bidderId: alice.id, amount: 1_110_000, proxyFor: a1.bidId! });
  expect(byId.get(`${c1.bidId}:auto`)).toMatchObject({ kind: 'proxy', bidderId: alice.id, amount: 1_200_000, proxyFor: a1.bidId! });
  expect(byId.get(c1.bidId!)).toMatchObject({ kind: 'bid', outcome: 'accepted', price: 1_210_000, maxAmount: 1_500_000 });
  expect(byId.get(c2.bidId!)).toMatchObject({ kind: 'bid', outcome: 'accepted', price: null, maxAmount: 2_000_000 });
  expect(await redisState(auctionId)).toMatchObject({ currentPrice: '1210000', leaderMax: '2000000', bidCount: '4' });

  // The public history shows how the price moved, automatic bids marked, no maximum.
  const history = (await (await fetch(`${cmsUrl()}/api/auctions/${auctionId}/bids`)).json()) as BidHistoryPage;
  expect(history.data.map((e) => [e.amount, e.automatic])).toEqual([
    [1_210_000, false],
    [1_200_000, true],
    [1_110_000, true],
    [1_000_000, false],
  ]);
  const everythingPublic = await publicText(auctionId);
  for (const secret of [1_500_000, 2_000_000]) {
    expect(mentions(everythingPublic, secret)).toBe(false);
    expect(mentions(JSON.stringify(watcherSaw), secret)).toBe(false);
    expect(mentions(JSON.stringify(bobSaw), secret)).toBe(false);
  }
  const carolSocket = socket(carol.jwt);
  await connected(carolSocket);
  expect(await joinAs(carolSocket, auctionId)).toMatchObject({ viewerIsLeader: true, viewerMaximum: 2_000_000 });
  await eventually("Strapi's copy at $12,100 with four bids", async () => {
    const auction = await fetchPublicAuction(auctionId);
    return auction.currentPrice === '1210000' && auction.bidCount === 4 ? true : undefined;
  });
});
