import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import type { EmailPreferences } from '@car-auction/contracts';
import { freePort } from '@car-auction/test-support/ports';
import { cmsUrl, createAuction, startCms } from './helpers/cms';
import { eventually, placeBid, registerBidder, type Bidder } from './helpers/bidders';
import { redisState } from './helpers/ledger';
import { asUser, closeNotifierStore, notifierGroup, startNotifier, type NotifierProcess } from './helpers/notifier';
import { startWorker, type WorkerProcess } from './helpers/worker';
import { serveBiddingApp, type ServedApp } from './helpers/bidding-app';
import { launchChromium, logInThroughApp } from './helpers/browser';
import { stopSystem } from './helpers/system';

/**
 * The bell, the notifications page, the email settings, the watchlist and
 * "My bids" (issue 14, items 4 and 5) in the built app in headless Chromium,
 * with the cms, Kafka, the worker and the notifier. Screenshots go to
 * test-artifacts/browser/.
 */
const ARTIFACTS = path.resolve(__dirname, '..', 'test-artifacts', 'browser');
const WAIT = { timeout: 20_000 };

let strapi: Core.Strapi;
let worker: WorkerProcess;
let notifier: NotifierProcess;
let app: ServedApp;
let browser: Browser;
let context: BrowserContext | null = null;
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const appPort = await freePort();
  const appOrigin = `http://127.0.0.1:${appPort}`;
  // The browser calls the cms, the gateway and the notifier from the app's origin: each must allow it.
  process.env.CORS_ORIGINS = appOrigin;
  strapi = await startCms();
  worker = await startWorker({ CORS_ORIGINS: appOrigin, EVENTS_TICK_MS: '200' });
  notifier = await startNotifier(notifierGroup(), { CORS_ORIGINS: appOrigin, APP_URL: appOrigin });
  app = await serveBiddingApp({ cmsUrl: cmsUrl(), realtimeUrl: worker.url, notifierUrl: notifier.url, port: appPort });
  browser = await launchChromium();
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
  if (notifier?.child.exitCode === null) await notifier.stop();
  await closeNotifierStore();
  await stopSystem({ workers: [worker] });
});

const accepted = async (bidder: Bidder, auctionId: string, amount: number) => {
  expect((await placeBid(bidder, auctionId, amount)).status).toBe(202);
  await eventually(`bid ${amount} decided`, async () => (Number((await redisState(auctionId)).currentPrice) === amount ? true : undefined));
};

test('watch an auction, hear of an outbid on the bell live, read it, turn its mails off, and find the auction under Watching and My bids', async () => {
  const auctionId = await createAuction(strapi, {
    title: '1967 Ford Mustang Fastback',
    car: { make: 'Ford', model: 'Mustang Fastback', year: 1967, mileage: 71_000 },
    photos: ['1967-ford-mustang-1.jpg'],
    startingPrice: 10_000_000,
    minIncrement: 100_000,
  });
  const [alice, bob] = (await Promise.all([registerBidder('nb-alice'), registerBidder('nb-bob')])) as [Bidder, Bidder];
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: app.url });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));

  await logInThroughApp(page, alice.username, `/auctions/${auctionId}`);
  await page.getByTestId('auction-page').waitFor(WAIT);
  const header = page.getByRole('navigation', { name: 'Your auctions' });
  await header.getByRole('link', { name: 'Notifications', exact: true }).waitFor(WAIT);

  // Watch it: the button says so and the count follows.
  await page.getByRole('button', { name: 'Watch', exact: true }).click();
  await page.getByRole('button', { name: 'Watching', pressed: true }).waitFor(WAIT);
  await eventually('the watcher count shows 1', async () =>
    (await page.getByTestId('watcher-count').textContent())?.includes('1 watching') ? true : undefined,
  );
  expect(
    (await asUser<{ data: { watching: boolean } }>(notifier.url, alice.jwt, 'GET', `/api/auctions/${auctionId}/watchers`)).body.data
      .watching,
  ).toBe(true);

  // Alice leads, then Bob outbids her: the bell counts both notices without a reload.
  await accepted(alice, auctionId, 10_000_000);
  await accepted(bob, auctionId, 10_100_000);
  await header.getByRole('link', { name: 'Notifications, 2 unread' }).waitFor(WAIT);
  expect(await page.getByTestId('unread-count').textContent()).toBe('2');
  await page.screenshot({ path: path.join(ARTIFACTS, 'notifications-bell.png') });

  // The notifications page: newest first; opening one marks it read.
  await header.getByRole('link', { name: 'Notifications, 2 unread' }).click();
  await page.getByRole('heading', { name: 'Notifications' }).waitFor(WAIT);
  const items = page.getByTestId('notification');
  await eventually('both notices listed', async () => ((await items.count()) === 2 ? true : undefined));
  expect(await items.first().textContent()).toContain('You were outbid on 1967 Ford Mustang Fastback');
  await page.getByText('2 unread').waitFor(WAIT);
  await page.screenshot({ path: path.join(ARTIFACTS, 'notifications-page.png'), fullPage: true });
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await page.getByText('All read').waitFor(WAIT);
  await header.getByRole('link', { name: 'Notifications', exact: true }).waitFor(WAIT);

  // Email settings: outbid mails off, saved at once; the notifier has it.
  await page.getByRole('link', { name: 'Notification settings' }).click();
  const outbid = page.getByRole('checkbox', { name: 'When you are outbid' });
  await outbid.waitFor(WAIT);
  expect(await outbid.isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: 'When you take the lead' }).isChecked()).toBe(false);
  await outbid.uncheck();
  await page
    .getByTestId('save-status')
    .filter({ hasText: /^Saved$/ })
    .waitFor(WAIT);
  await page.screenshot({ path: path.join(ARTIFACTS, 'notification-settings.png'), fullPage: true });
  const prefs = await asUser<{ data: { email: EmailPreferences } }>(notifier.url, alice.jwt, 'GET', '/api/notification-preferences');
  expect(prefs.body.data.email).toMatchObject({ outbid: false, won: true });

  // Watching lists it; My bids has it under Outbid, not under Leading.
  await header.getByRole('link', { name: 'Watching' }).click();
  await page.getByRole('heading', { name: 'Watching' }).waitFor(WAIT);
  await page
    .getByRole('link', { name: /1967 Ford Mustang/ })
    .first()
    .waitFor(WAIT);
  await header.getByRole('link', { name: 'My bids' }).click();
  await page.getByRole('heading', { name: 'My bids' }).waitFor(WAIT);
  const filters = page.getByRole('navigation', { name: 'Filter by status' });
  await filters.getByRole('link', { name: 'Outbid' }).click();
  await page.getByRole('link', { name: '1967 Ford Mustang Fastback' }).waitFor(WAIT);
  await page.screenshot({ path: path.join(ARTIFACTS, 'my-bids.png'), fullPage: true });
  await filters.getByRole('link', { name: 'Leading' }).click();
  await eventually('nothing under Leading', async () =>
    (await page.getByRole('link', { name: '1967 Ford Mustang Fastback' }).count()) === 0 ? true : undefined,
  );

  // Unwatch from the list's card: the count goes back to 0.
  await page.goto('/auctions');
  await page
    .getByRole('button', { name: /^Watching .*Mustang/ })
    .first()
    .click();
  await eventually('unwatched', async () =>
    (await asUser<{ data: { watchers: number } }>(notifier.url, null, 'GET', `/api/auctions/${auctionId}/watchers`)).body.data.watchers ===
    0
      ? true
      : undefined,
  );
  expect(pageErrors).toEqual([]);
}, 180_000);
