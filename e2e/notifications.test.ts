import type { Core } from '@strapi/strapi';
import type { AuctionWatchers, EmailPreferences, MyBidView, NotificationsPage, WatchView } from '@car-auction/contracts';
import { createAuction, moveAuctionEnd, startCms } from './helpers/cms';
import { eventually, placeBid, registerBidder, type Bidder } from './helpers/bidders';
import { redisState } from './helpers/ledger';
import { mailBody, mailHeaders, mailsTo } from './helpers/mail';
import { asUser, closeNotifierStore, mailRows, noticeRows, notifierGroup, startNotifier, type NotifierProcess } from './helpers/notifier';
import { startWorker, type WorkerProcess } from './helpers/worker';
import { stopSystem } from './helpers/system';

/**
 * The notifier (issue 14, items 2, 3 and 7) through real Kafka, MongoDB,
 * the cms and Mailpit: who is told what, in the app and by mail, once per
 * event and recipient, also across a notifier killed with SIGKILL; and the
 * unsubscribe link of a mail.
 */
let strapi: Core.Strapi;
let worker: WorkerProcess;
let notifier: NotifierProcess;
const group = notifierGroup();

beforeAll(async () => {
  strapi = await startCms();
  worker = await startWorker({ EVENTS_TICK_MS: '200' });
  notifier = await startNotifier(group);
});
afterAll(async () => {
  if (notifier?.child.exitCode === null) await notifier.stop();
  await closeNotifierStore();
  await stopSystem({ workers: [worker] });
});

const emailOf = (bidder: Bidder) => `${bidder.username}@example.test`;
const accepted = async (bidder: Bidder, auctionId: string, amount: number) => {
  const placed = await placeBid(bidder, auctionId, amount);
  expect(placed.status).toBe(202);
  await eventually(`bid ${amount} decided`, async () => (Number((await redisState(auctionId)).currentPrice) === amount ? true : undefined));
};
/** Every mail of these users decided and none still waiting: what Mailpit holds then is all there will be. */
const mailsSettled = (bidders: Bidder[], auctionId: string, expected: number) =>
  eventually(
    'every mail sent or skipped',
    async () => {
      const rows = await mailRows(
        bidders.map((b) => b.id),
        [auctionId],
      );
      return rows.length === expected && rows.every((r) => r.status === 'sent' || r.status === 'skipped') ? rows : undefined;
    },
    60_000,
  ).catch((err: Error) => {
    throw new Error(`${err.message}\n--- notifier ---\n${notifier.tail()}\n--- worker ---\n${worker.tail()}`, { cause: err });
  });
const subjects = async (bidder: Bidder) => (await mailsTo(emailOf(bidder))).map((m) => m.subject).sort();
/** The user's notifications about this auction (the cms under test numbers users from 1 every run; the store keeps earlier runs'). */
const notices = async (bidder: Bidder, auctionId: string) => {
  const page = await asUser<NotificationsPage>(notifier.url, bidder.jwt, 'GET', '/api/notifications?limit=50');
  expect(page.status).toBe(200);
  return page.body.data.filter((n) => n.auctionId === auctionId);
};

test('a bidding war: outbid mails (coalesced), a reminder, won and lost, each once; the app shows every notice', async () => {
  // Ends in 2 hours: no reminder is due until the end is moved (then only the tightest, 10 minutes).
  const auctionId = await createAuction(strapi, {
    title: 'Mail Test Mustang',
    startingPrice: 10_000,
    minIncrement: 100,
    endsInMs: 2 * 3_600_000,
  });
  const [alice, bob, carl] = (await Promise.all([registerBidder('ml-alice'), registerBidder('ml-bob'), registerBidder('ml-carl')])) as [
    Bidder,
    Bidder,
    Bidder,
  ];
  // Carl only watches.
  const watched = await asUser<{ data: AuctionWatchers }>(notifier.url, carl.jwt, 'PUT', `/api/watchlist/${auctionId}`);
  expect(watched.body.data).toEqual({ auctionId, watchers: 1, watching: true });
  expect((await asUser<{ data: AuctionWatchers }>(notifier.url, null, 'GET', `/api/auctions/${auctionId}/watchers`)).body.data).toEqual({
    auctionId,
    watchers: 1,
    watching: null,
  });
  expect((await asUser(notifier.url, carl.jwt, 'PUT', '/api/watchlist/no-such-auction')).status).toBe(404);

  await accepted(alice, auctionId, 10_000);
  await accepted(bob, auctionId, 10_100); // alice outbid: mailed
  await accepted(alice, auctionId, 10_200); // bob outbid: mailed
  await accepted(bob, auctionId, 10_300); // alice outbid again within 15 minutes: in the app only
  // The editor shortens it to 5 s: now within 10 minutes of its end, both bidders are reminded.
  await moveAuctionEnd(strapi, auctionId, Date.now() + 5_000);

  // Mailed: each bidder's first outbid, the 10-minute reminder and the result; the watcher's reminder and result.
  await mailsSettled([alice, bob, carl], auctionId, 8);
  const decisions = await noticeRows([alice.id, bob.id, carl.id], [auctionId]);
  expect(decisions.filter((r) => r.mail === 'coalesced').map((r) => `${r.kind}:${r.userId}`)).toEqual([`outbid:${alice.id}`]);
  // The leads are in the app only (no mail by default).
  expect(new Set(decisions.filter((r) => r.kind === 'leading').map((r) => r.mail))).toEqual(new Set(['not_wanted']));

  expect(await subjects(alice)).toEqual(
    ['Auction ended: Mail Test Mustang', 'Ending in 10 minutes: Mail Test Mustang', 'Outbid: Mail Test Mustang'].sort(),
  );
  expect(await subjects(bob)).toEqual(
    ['Ending in 10 minutes: Mail Test Mustang', 'Outbid: Mail Test Mustang', 'You won: Mail Test Mustang'].sort(),
  );

  const aliceNotices = await notices(alice, auctionId);
  expect(aliceNotices.map((n) => n.kind).sort()).toEqual(['ending_soon', 'leading', 'leading', 'lost', 'outbid', 'outbid']);
  expect(aliceNotices.every((n) => n.auctionTitle === 'Mail Test Mustang' && !n.read)).toBe(true);
  expect((await notices(bob, auctionId)).map((n) => n.kind).sort()).toEqual(['ending_soon', 'leading', 'leading', 'outbid', 'won']);
  expect((await notices(carl, auctionId)).map((n) => n.kind).sort()).toEqual(['ended', 'ending_soon']);
  expect(await subjects(carl)).toEqual(['Ending in 10 minutes: Mail Test Mustang', 'Sold: Mail Test Mustang']);
  // My bids: where each stands now; the watcher bid on nothing.
  const myBids = async (who: Bidder) =>
    (await asUser<{ data: MyBidView[] }>(notifier.url, who.jwt, 'GET', '/api/my-bids')).body.data.filter((b) => b.auctionId === auctionId);
  expect(await myBids(alice)).toMatchObject([{ status: 'lost', price: 10_300, auctionTitle: 'Mail Test Mustang' }]);
  expect(await myBids(bob)).toMatchObject([{ status: 'won', price: 10_300 }]);
  expect(await myBids(carl)).toEqual([]);
  expect(
    (await asUser<{ data: WatchView[] }>(notifier.url, carl.jwt, 'GET', '/api/watchlist')).body.data.map((w) => w.auctionId),
  ).toContain(auctionId);

  // The won mail: text and HTML, a link to the auction, a one-click unsubscribe header.
  const won = (await mailsTo(emailOf(bob))).find((m) => m.subject.startsWith('You won'))!;
  const body = await mailBody(won.id);
  expect(body.text).toContain(`http://localhost:3000/auctions/${auctionId}`);
  expect(body.text).toContain('$103.00');
  expect(body.html).toContain(`href="http://localhost:3000/auctions/${auctionId}"`);
  const headers = await mailHeaders(won.id);
  expect(headers['List-Unsubscribe']?.[0]).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/unsubscribe\?u=\d+&(amp;)?k=won&(amp;)?s=/);
  expect(headers['List-Unsubscribe-Post']).toEqual(['List-Unsubscribe=One-Click']);

  // Read: one, then all; the unread count follows.
  const unread = async () => (await asUser<NotificationsPage>(notifier.url, alice.jwt, 'GET', '/api/notifications?limit=1')).body.unread;
  const before = await unread();
  const markRead = (body: unknown) =>
    asUser<{ data: { unread: number } }>(notifier.url, alice.jwt, 'POST', '/api/notifications/read', body);
  expect((await markRead({ ids: [aliceNotices[0]!.id] })).body.data.unread).toBe(before - 1);
  expect((await notices(alice, auctionId)).filter((n) => n.read).map((n) => n.id)).toEqual([aliceNotices[0]!.id]);
  expect((await markRead({ all: true })).body.data.unread).toBe(0);
  // Another user's notification is not hers to mark.
  const bobFirst = (await notices(bob, auctionId))[0]!;
  await markRead({ ids: [bobFirst.id] });
  expect((await notices(bob, auctionId)).find((n) => n.id === bobFirst.id)!.read).toBe(false);
}, 120_000);

test('the unsubscribe link stops that kind of mail without logging in; a forged one is refused', async () => {
  const auctionId = await createAuction(strapi, { title: 'Unsubscribe Test Civic', startingPrice: 10_000, minIncrement: 100 });
  const [carol, dave] = (await Promise.all([registerBidder('ml-carol'), registerBidder('ml-dave')])) as [Bidder, Bidder];
  await accepted(carol, auctionId, 10_000);
  await accepted(dave, auctionId, 10_100);
  const outbid = await eventually('carol is mailed she was outbid', async () =>
    (await mailsTo(emailOf(carol))).find((m) => m.subject.startsWith('Outbid')),
  );
  const link = /http:\/\/127\.0\.0\.1:\d+\/unsubscribe\?[^\s>"]+/.exec((await mailBody(outbid.id)).text)?.[0];
  expect(link).toBeDefined();
  const url = new URL(link!);

  // Forged: another user's id, another kind, a changed signature. Nothing changes.
  for (const [param, value] of [
    ['u', String(dave.id)],
    ['k', 'won'],
    ['s', `${url.searchParams.get('s')!.slice(0, -2)}xx`],
  ] as const) {
    const forged = new URL(url);
    forged.searchParams.set(param, value);
    const res = await fetch(forged, { method: 'POST' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Nothing was changed');
  }
  expect(
    (await asUser<{ data: { email: EmailPreferences } }>(notifier.url, dave.jwt, 'GET', '/api/notification-preferences')).body.data.email
      .outbid,
  ).toBe(true);

  // Opening the link asks; only the button (a POST) unsubscribes.
  const asked = await fetch(url);
  expect(asked.status).toBe(200);
  expect(await asked.text()).toContain('<form method="post"');
  expect(
    (await asUser<{ data: { email: EmailPreferences } }>(notifier.url, carol.jwt, 'GET', '/api/notification-preferences')).body.data.email
      .outbid,
  ).toBe(true);
  const done = await fetch(url, { method: 'POST' });
  expect(done.status).toBe(200);
  expect(await done.text()).toContain('You will no longer get the emails we send <strong>when you are outbid</strong>');
  const prefs = (await asUser<{ data: { email: EmailPreferences } }>(notifier.url, carol.jwt, 'GET', '/api/notification-preferences')).body
    .data.email;
  expect(prefs).toMatchObject({ outbid: false, won: true, ending_soon: true });

  // Outbid again: told in the app, not by mail (and not because of the 15-minute coalescing: the reason says so).
  await accepted(carol, auctionId, 10_200);
  await accepted(dave, auctionId, 10_300);
  await eventually('carol has two outbid notices', async () =>
    (await notices(carol, auctionId)).filter((n) => n.kind === 'outbid').length === 2 ? true : undefined,
  );
  const rows = await eventually('the second outbid notice is recorded', async () => {
    const mine = (await noticeRows([carol.id], [auctionId])).filter((r) => r.kind === 'outbid');
    return mine.length === 2 ? mine : undefined;
  });
  expect(rows.map((r) => r.mail).sort()).toEqual(['not_wanted', 'queued']);
  expect((await mailRows([carol.id], [auctionId])).filter((r) => r.kind === 'outbid')).toHaveLength(1);
  expect((await mailsTo(emailOf(carol))).filter((m) => m.subject.startsWith('Outbid'))).toHaveLength(1);
});

test('bad requests to the API get a 4xx with a message, never a 500', async () => {
  const erin = await registerBidder('ml-erin');
  const cases: [string, string, string | null, unknown, number][] = [
    ['GET', '/api/notifications', null, undefined, 401],
    ['GET', '/api/notifications', 'not-a-token', undefined, 401],
    ['GET', '/api/notifications?limit=0', erin.jwt, undefined, 400],
    ['GET', '/api/notifications?limit=abc', erin.jwt, undefined, 400],
    ['GET', '/api/notifications?before=yesterday', erin.jwt, undefined, 400],
    ['POST', '/api/notifications/read', erin.jwt, '{not json', 400],
    ['POST', '/api/notifications/read', erin.jwt, { ids: [] }, 400],
    ['POST', '/api/notifications/read', erin.jwt, { all: false }, 400],
    ['PUT', '/api/notification-preferences', erin.jwt, { email: { outbid: 'no' } }, 400],
    ['PUT', '/api/notification-preferences', erin.jwt, { email: { spam: true } }, 400],
    ['PUT', '/api/notification-preferences', erin.jwt, [], 400],
    ['PUT', '/api/watchlist/bad%20id!', erin.jwt, undefined, 400],
    ['DELETE', '/api/nothing-here', erin.jwt, undefined, 404],
  ];
  for (const [method, path, jwt, body, status] of cases) {
    const res = await asUser<{ error?: { message?: string } }>(notifier.url, jwt, method, path, body);
    expect({ method, path, status: res.status }).toEqual({ method, path, status });
    expect(typeof res.body?.error?.message).toBe('string');
  }
  const unsub = await fetch(`${notifier.url}/unsubscribe?u=1`);
  expect(unsub.status).toBe(400);
  // Preferences: a partial change keeps the rest.
  const changed = await asUser<{ data: { email: EmailPreferences } }>(notifier.url, erin.jwt, 'PUT', '/api/notification-preferences', {
    email: { leading: true },
  });
  expect(changed.status).toBe(200);
  expect(changed.body.data.email).toMatchObject({ leading: true, outbid: true, reserve_met: false });
});

test('a notifier killed with SIGKILL mid-run: after its restart every mail still arrives exactly once', async () => {
  const auctionId = await createAuction(strapi, {
    title: 'Crash Test Corvette',
    startingPrice: 10_000,
    minIncrement: 100,
    endsInMs: 2 * 3_600_000,
  });
  const bidders = await Promise.all(['ml-f', 'ml-g', 'ml-h', 'ml-i'].map((name) => registerBidder(name)));
  // Round-robin raises: every bidder is outbid at least once; only their first outbid is mailed.
  let price = 10_000;
  for (let round = 0; round < 3; round++) {
    for (const bidder of bidders) {
      await accepted(bidder, auctionId, price);
      price += 100;
    }
    if (round === 1) await notifier.kill9();
  }
  notifier = await startNotifier(group);
  await moveAuctionEnd(strapi, auctionId, Date.now() + 3_000);
  const winner = bidders[bidders.length - 1]!;
  // Mailed, per bidder: the first of their outbids (the rest coalesced), the reminder, the result.
  await mailsSettled(bidders, auctionId, bidders.length * 3);
  for (const bidder of bidders) {
    const result = bidder === winner ? 'You won: Crash Test Corvette' : 'Auction ended: Crash Test Corvette';
    expect(await subjects(bidder)).toEqual([result, 'Ending in 10 minutes: Crash Test Corvette', 'Outbid: Crash Test Corvette'].sort());
  }
}, 120_000);
