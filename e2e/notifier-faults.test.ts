import type { Core } from '@strapi/strapi';
import { createAuction, startCms } from './helpers/cms';
import { eventually, placeBid, registerBidder, type Bidder } from './helpers/bidders';
import { redisState } from './helpers/ledger';
import { mailsTo, ownMailpit, type OwnMailpit } from './helpers/mail';
import { closeNotifierStore, mailRows, notifierGroup, startNotifier, type NotifierProcess } from './helpers/notifier';
import { startWorker, type WorkerProcess } from './helpers/worker';
import { stopSystem } from './helpers/system';

/**
 * The mail server away (issue 14, item 6): mails wait and are retried, none
 * is lost or sent twice, and bidding does not notice; an address the server
 * refuses for good is recorded as failed and not retried.
 */
let strapi: Core.Strapi;
let worker: WorkerProcess;
let notifier: NotifierProcess;
let mailpit: OwnMailpit;

beforeAll(async () => {
  strapi = await startCms();
  worker = await startWorker({ EVENTS_TICK_MS: '200' });
  // This Mailpit takes mail for example.test only; anything else gets a 550, as a bounce would.
  mailpit = await ownMailpit({ MP_SMTP_ALLOWED_RECIPIENTS: '@example\\.test$' });
  // Not started yet: nothing answers at its SMTP port.
  notifier = await startNotifier(notifierGroup(), { SMTP_URL: mailpit.smtpUrl });
}, 120_000);
afterAll(async () => {
  if (notifier?.child.exitCode === null) await notifier.stop();
  await mailpit?.stop();
  await closeNotifierStore();
  await stopSystem({ workers: [worker] });
});

const accepted = async (bidder: Bidder, auctionId: string, amount: number) => {
  const placed = await placeBid(bidder, auctionId, amount);
  expect(placed.status).toBe(202);
  await eventually(`bid ${amount} decided`, async () => (Number((await redisState(auctionId)).currentPrice) === amount ? true : undefined));
};
const health = async () => {
  const res = await fetch(`${notifier.url}/healthz`);
  return { status: res.status, body: (await res.json()) as { dependencies: Record<string, { up: boolean; reason?: string }> } };
};

test('mail waits while the server is down and goes out once when it is back; a refused address is failed, not retried', async () => {
  // Ends in 2 hours: no reminder falls due while the test runs (only the outbid mails are in play).
  const auctionId = await createAuction(strapi, {
    title: 'Outage Test Beetle',
    startingPrice: 10_000,
    minIncrement: 100,
    endsInMs: 2 * 3_600_000,
  });
  const [alice, bob] = (await Promise.all([registerBidder('mf-alice'), registerBidder('mf-bob', 'bounces.example.org')])) as [
    Bidder,
    Bidder,
  ];

  // Bidding goes on with the mail server away: every bid decided as usual.
  await accepted(alice, auctionId, 10_000);
  await accepted(bob, auctionId, 10_100); // alice outbid
  await accepted(alice, auctionId, 10_200); // bob outbid

  const waiting = await eventually('both outbid mails tried and waiting', async () => {
    const rows = (await mailRows([alice.id, bob.id], [auctionId])).filter((r) => r.kind === 'outbid');
    return rows.length === 2 && rows.every((r) => r.status === 'pending' && r.attempts >= 1) ? rows : undefined;
  });
  expect(waiting.map((r) => r.reason).join(' ')).toMatch(/ECONNREFUSED|connect/i);
  expect((await health()).status).toBe(503);
  expect((await health()).body.dependencies.smtp).toMatchObject({ up: false });

  await mailpit.start();
  const settled = await eventually(
    'the outbid mails decided',
    async () => {
      const rows = (await mailRows([alice.id, bob.id], [auctionId])).filter((r) => r.kind === 'outbid');
      return rows.every((r) => r.status === 'sent' || r.status === 'failed') ? rows : undefined;
    },
    60_000,
  );
  expect(settled.find((r) => r.userId === alice.id)).toMatchObject({ status: 'sent' });
  // The refusal is for good (a 5xx): recorded with the server's words, tried no more.
  const bounced = settled.find((r) => r.userId === bob.id)!;
  expect(bounced).toMatchObject({ status: 'failed' });
  expect(bounced.reason).toMatch(/550/);
  const attempts = bounced.attempts;
  await eventually('the mail server is healthy again', async () => ((await health()).status === 200 ? true : undefined));

  expect((await mailsTo(`${alice.username}@example.test`, mailpit.uiUrl)).map((m) => m.subject)).toEqual(['Outbid: Outage Test Beetle']);
  expect(await mailsTo(`${bob.username}@bounces.example.org`, mailpit.uiUrl)).toEqual([]);
  // A few more ticks: the failed mail stays failed, tried no more.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect((await mailRows([bob.id], [auctionId])).find((r) => r.kind === 'outbid')).toMatchObject({ status: 'failed', attempts });
}, 180_000);
