import path from 'node:path';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { io } from 'socket.io-client';
import jwt from 'jsonwebtoken';
import { cmsUrl, createAuction, startCms, stopCms } from './helpers/cms';
import { eventually, placeBid, registerBidder } from './helpers/bidders';
import { closeClients } from './helpers/ledger';
import { startWorker, type WorkerProcess } from './helpers/worker';
import { launchChromium } from './helpers/browser';
import { serveBiddingApp, type ServedApp } from './helpers/bidding-app';
import { freePort } from '@car-auction/test-support/ports';
import { WIDGET_ROWS } from '../cms/src/admin/live/live-feed';

/**
 * The Strapi panel as its two kinds of users meet it, in headless Chromium
 * through the built admin bundle (scripts/build-admin.sh): an editor creates a
 * car with photos and an auction with the date pickers and dollar amounts; a
 * bidder bids on it; the admin's homepage widget and the auction's side panel
 * show the bid live from the gateway's admin room; the admin ends one auction
 * now and withdraws another, and bidders watching them in the bidding app see
 * it at once. Screenshots go to test-artifacts/panel/, the delays to
 * timings.json there.
 */
const ARTIFACTS = path.resolve(__dirname, '..', 'test-artifacts', 'panel');
const PHOTOS = path.resolve(__dirname, '..', 'cms', 'seed', 'photos');
const WAIT = { timeout: 30_000 };
const BUILT_PANEL = path.resolve(__dirname, '..', 'cms', 'dist', 'build', 'index.html');

let strapi: Core.Strapi;
let worker: WorkerProcess;
let app: ServedApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
const timings: Record<string, number> = {};

/** The panel's console errors, shown when a wait fails (a feed that never connected says why there). */
const consoleErrors: string[] = [];

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

async function logIn(email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, baseURL: cmsUrl() });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text().slice(0, 300)}`);
  });
  await page.goto('/admin/auth/login');
  await page.getByLabel(/Email/).fill(email);
  await page.getByLabel(/Password/).fill(password);
  await page.getByRole('button', { name: /Log ?in/i }).click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), WAIT);
  return page;
}

/** The Content Manager's date and time pickers: a typed date, then a 15-minute slot from the list. */
async function pickDateTime(page: Page, index: number, at: Date) {
  const date = page.getByRole('combobox', { name: 'Choose date' }).nth(index);
  const mm = String(at.getMonth() + 1).padStart(2, '0');
  const dd = String(at.getDate()).padStart(2, '0');
  await date.click();
  await date.fill(`${mm}/${dd}/${at.getFullYear()}`);
  await page.keyboard.press('Tab');
  await page.getByRole('combobox', { name: 'Choose time' }).nth(index).click();
  const slot = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  await page.getByRole('option', { name: slot, exact: true }).click();
}

/** Waits until a live feed's status line reads "Live"; otherwise fails with what it read and the page's console errors. */
async function feedIsLive(within: Locator) {
  const status = within.getByTestId('live-feed-status');
  try {
    await status.filter({ hasText: /^Live$/ }).waitFor(WAIT);
  } catch (err) {
    const read = await status.textContent().catch(() => null);
    throw new Error(
      `the live feed never connected: its status reads ${JSON.stringify(read)}; console errors: ${JSON.stringify(consoleErrors)}`,
      {
        cause: err,
      },
    );
  }
}

/** A time on the pickers' 15-minute grid, `minutes` from now, rounded down. */
const onGrid = (minutes: number) => {
  const at = new Date(Date.now() + minutes * 60_000);
  at.setMinutes(at.getMinutes() - (at.getMinutes() % 15), 0, 0);
  return at;
};

beforeAll(async () => {
  if (!existsSync(BUILT_PANEL)) throw new Error(`no admin panel build at ${BUILT_PANEL}: run bash scripts/build-admin.sh (npm test does)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  // The panel is served by the cms: the gateway must let its origin in, and the cms tells the panel where the gateway is.
  const gatewayPort = await freePort();
  process.env.REALTIME_PUBLIC_URL = `http://127.0.0.1:${gatewayPort}`;
  // The other suites' cms serves no panel (cms-test-env); this one is about the panel.
  process.env.SERVE_ADMIN_PANEL = 'true';
  // Bidders watch from the bidding app's origin: the cms and the gateway must let it in too.
  const appPort = await freePort();
  const appOrigin = `http://127.0.0.1:${appPort}`;
  process.env.CORS_ORIGINS = appOrigin;
  strapi = await startCms();
  worker = await startWorker({ CORS_ORIGINS: `${cmsUrl()},${appOrigin}` }, gatewayPort);
  app = await serveBiddingApp({ cmsUrl: cmsUrl(), realtimeUrl: worker.url, port: appPort });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
  await worker?.stop();
  await closeClients();
  await stopCms();
  writeFileSync(path.join(ARTIFACTS, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
});

test('an editor lists a car with photos and an auction in dollars; a bid shows live in the admin widget and side panel', async () => {
  const editor = await logIn('editor@car-auction.local', 'Editor-pass-1234');
  await shot(editor, '01-editor-home');

  // A car, with two photos uploaded from this machine.
  const vin = `ZAR${Date.now()}`.slice(0, 17);
  await editor.goto('/admin/content-manager/collection-types/api::car.car/create');
  await editor.getByLabel('Make').fill('Alfa Romeo');
  await editor.getByLabel('Model').fill('Giulia Sprint GT');
  await editor.getByLabel('Year').fill('1966');
  await editor.getByLabel('VIN').fill(vin);
  await editor.getByRole('textbox', { name: 'Mileage' }).fill('84000');
  for (const [label, option] of [
    ['Body style', 'coupe'],
    ['Transmission', 'manual'],
  ] as const) {
    await editor.getByRole('combobox', { name: label }).click();
    await editor.getByRole('option', { name: option, exact: true }).click();
  }
  await editor.getByLabel('Colour').fill('Rosso Alfa');
  await editor.getByText('Click to add an asset or drag and drop one in this area').click();
  // An empty library opens straight on the upload dialog; one with assets first lists them.
  const upload = editor.getByLabel('Drag & Drop here or');
  const addMore = editor.getByRole('button', { name: 'Add more assets' });
  await upload
    .or(addMore)
    .first()
    .waitFor({ state: 'attached', ...WAIT });
  if (await addMore.isVisible()) await addMore.click();
  await upload.setInputFiles([path.join(PHOTOS, '1991-honda-nsx-1.jpg'), path.join(PHOTOS, '1991-honda-nsx-2.jpg')]);
  await editor.getByRole('button', { name: /Upload 2 assets to the library/ }).click();
  await editor.getByRole('button', { name: 'Finish' }).click();
  await shot(editor, '02-car-form');
  await editor.getByRole('button', { name: 'Publish' }).click();
  await editor.getByText('Published document').first().waitFor(WAIT);
  const car = await eventually('the car is stored with its photos', async () => {
    const found = (await strapi.db
      .query('api::car.car')
      .findOne({ where: { vin, publishedAt: { $notNull: true } }, populate: ['photos'] })) as {
      documentId: string;
      photos: unknown[];
    } | null;
    return found && found.photos.length === 2 ? found : undefined;
  });

  // An auction of that car: date pickers, dollars, the car picked from the relation list.
  const title = `1966 Alfa Romeo Giulia Sprint GT ${Date.now().toString(36)}`;
  await editor.goto('/admin/content-manager/collection-types/api::auction.auction/create');
  await editor.getByLabel('Title').fill(title);
  await editor.getByRole('combobox', { name: 'Car' }).click();
  await editor
    .getByRole('option', { name: /Giulia Sprint GT/ })
    .first()
    .click();
  await pickDateTime(editor, 0, onGrid(-15));
  await pickDateTime(editor, 1, onGrid(3 * 60));
  await editor.getByLabel('Starting price').fill('15,000');
  await editor.getByLabel('Bid increment').fill('250');
  await editor.getByLabel('Reserve price').fill('18000.50');
  await editor.getByTestId('money-startingPrice').filter({ hasText: '$15,000.00 (stored as 1500000 cents)' }).waitFor(WAIT);
  // What the engine owns is shown, not typed.
  expect(await editor.getByLabel('Current price').isDisabled()).toBe(true);
  expect(await editor.getByRole('textbox', { name: 'Bids' }).isDisabled()).toBe(true);
  await shot(editor, '03-auction-form');
  await editor.getByRole('button', { name: 'Publish' }).click();
  await editor.getByText('Published document').first().waitFor(WAIT);
  await shot(editor, '04-auction-published');
  const stored = (await eventually(
    'the auction is published',
    async () =>
      (await strapi.db.query('api::auction.auction').findOne({ where: { title, publishedAt: { $notNull: true } }, populate: ['car'] })) ??
      undefined,
  )) as { documentId: string; startingPrice: string; minIncrement: string; reservePrice: string; car: { documentId: string } };
  expect({
    startingPrice: stored.startingPrice,
    minIncrement: stored.minIncrement,
    reservePrice: stored.reservePrice,
    car: stored.car.documentId,
  }).toEqual({ startingPrice: '1500000', minIncrement: '25000', reservePrice: '1800050', car: car.documentId });

  // More live auctions ending sooner than this one than the widget lists: a bid must still bring
  // this one in (where the bidding is comes first), whatever other suites left live.
  for (let i = 0; i <= WIDGET_ROWS; i++) await createAuction(strapi, { title: `Ends sooner ${i}`, endsInMs: 60 * 60_000 });

  // The admin watches the homepage widget while a bidder bids.
  const admin = await logIn('admin@car-auction.local', 'Admin-pass-1234');
  const widget = admin.getByTestId('live-auctions-widget');
  // Exactly "Live": "Connecting to the live feed…" and "The live feed is unavailable…" contain the word too.
  await feedIsLive(widget);
  // Not awaited before the bid: the widget's first list holds the 100 auctions closing soonest, and other
  // suites' auctions may close before this one; its first bid puts it in the widget whatever its rank.
  const bidder = await registerBidder('panelbidder');
  const placed = await placeBid(bidder, stored.documentId, 1_500_000);
  expect(placed.status).toBe(202);
  const acceptedAt = Date.now();
  await widget
    .getByTestId('latest-bid')
    .filter({ hasText: `${bidder.username} bid $15,000.00` })
    .waitFor(WAIT);
  timings.bidToAdminWidgetMs = Date.now() - acceptedAt;
  // Titled even when it was not in the widget's first list (which holds the 100 closing soonest).
  await widget.getByTestId(`live-row-${stored.documentId}`).filter({ hasText: '$15,000.00' }).filter({ hasText: title }).waitFor(WAIT);
  await widget.scrollIntoViewIfNeeded();
  await shot(admin, '06-admin-home');
  await widget.screenshot({ path: path.join(ARTIFACTS, '06-admin-widget.png') });

  // The auction's own side panel, live too.
  await admin.goto(`/admin/content-manager/collection-types/api::auction.auction/${stored.documentId}`);
  const panel = admin.getByTestId('auction-live-panel');
  await feedIsLive(panel);
  const rival = await registerBidder('panelrival');
  const second = await placeBid(rival, stored.documentId, 1_525_000);
  expect(second.status).toBe(202);
  await panel
    .getByTestId('latest-bid')
    .filter({ hasText: `${rival.username} bid $15,250.00` })
    .waitFor(WAIT);
  await panel.getByTestId('auction-live-price').filter({ hasText: '$15,250.00 · 2 bids' }).waitFor(WAIT);
  // The post-back has reached the cms: the read-only fields show the engine's values.
  await editor.goto(`/admin/content-manager/collection-types/api::auction.auction/${stored.documentId}`);
  await eventually('the form shows the bid count from the engine', async () => {
    await editor.reload();
    const bids = editor.getByRole('textbox', { name: 'Bids' });
    await bids.waitFor(WAIT);
    return (await bids.inputValue()) === '2' ? true : undefined;
  });
  expect(await editor.getByLabel('Current price').isDisabled()).toBe(true);
  await shot(admin, '07-auction-side-panel');

  // The list reads in dollars, with the columns an editor scans.
  await editor.goto('/admin/content-manager/collection-types/api::auction.auction');
  await editor.getByRole('row').filter({ hasText: title }).filter({ hasText: '$15,250.00' }).waitFor(WAIT);
  await shot(editor, '08-auction-list');
  expect(pageErrors).toEqual([]);
});

test('the admin room admits only a logged-in panel user', async () => {
  const attempt = (adminToken: string) =>
    new Promise<string>((resolve) => {
      const socket = io(worker.url, { auth: { adminToken }, transports: ['websocket'], reconnection: false });
      socket.on('connect', () => {
        socket.close();
        resolve('connected');
      });
      socket.on('connect_error', (err) => {
        socket.close();
        resolve(err.message);
      });
    });
  const bidder = await registerBidder('notanadmin');
  // A bidder's own token is not a panel user's.
  expect(await attempt(bidder.jwt)).toBe('unauthorized: invalid or expired admin token');
  expect(await attempt('not-a-token')).toBe('unauthorized: invalid or expired admin token');
  // Well formed, with a panel user's claims, signed with another secret: the cms refuses it.
  const forged = jwt.sign({ userId: 1, sessionId: 'forged', type: 'access' }, 'not-the-admin-secret', { expiresIn: '10m' });
  expect(await attempt(forged)).toBe('unauthorized: invalid or expired admin token');
  const login = (await (
    await fetch(`${cmsUrl()}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@car-auction.local', password: 'Admin-pass-1234' }),
    })
  ).json()) as { data: { token: string } };
  expect(await attempt(login.data.token)).toBe('connected');
});

/** A bidder's view of an auction in the bidding app (no login: watching needs none). */
async function watchInApp(auctionId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, baseURL: app.url });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
  await page.goto(`/auctions/${auctionId}`);
  await page.getByTestId('auction-page').waitFor(WAIT);
  return page;
}

/** Opens the edit view's "More document actions" menu and picks an item. */
async function documentAction(page: Page, auctionId: string, item: string) {
  await page.goto(`/admin/content-manager/collection-types/api::auction.auction/${auctionId}`);
  await page.getByRole('button', { name: 'More document actions' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

test('an admin ends one auction now and withdraws another with a reason; bidders watching in the app see each at once', async () => {
  const HOUR = 3_600_000;
  const ending = await createAuction(strapi, {
    title: `End-now test ${Date.now().toString(36)}`,
    startingPrice: 500_000,
    endsInMs: 2 * HOUR,
  });
  const withdrawing = await createAuction(strapi, { title: `Withdraw test ${Date.now().toString(36)}`, endsInMs: 2 * HOUR });
  const bidder = await registerBidder('endnowbidder');
  expect((await placeBid(bidder, ending, 500_000)).status).toBe(202);
  const endingView = await watchInApp(ending);
  const withdrawingView = await watchInApp(withdrawing);
  await endingView.getByTestId('current-price').filter({ hasText: '$5,000.00' }).waitFor(WAIT);
  await endingView.locator('.badge--live').waitFor(WAIT);

  // The editor is not offered either action (they are admins': the plugin's permissions).
  const editor = await logIn('editor@car-auction.local', 'Editor-pass-1234');
  await editor.goto(`/admin/content-manager/collection-types/api::auction.auction/${ending}`);
  await editor.getByRole('button', { name: 'More document actions' }).click();
  await editor.getByRole('menuitem').first().waitFor(WAIT);
  expect(await editor.getByRole('menuitem', { name: 'End now' }).count()).toBe(0);
  expect(await editor.getByRole('menuitem', { name: 'Withdraw' }).count()).toBe(0);

  const admin = await logIn('admin@car-auction.local', 'Admin-pass-1234');
  await documentAction(admin, ending, 'End now');
  const confirm = admin.getByRole('alertdialog').or(admin.getByRole('dialog'));
  await confirm.getByText(/Bidding stops at once/).waitFor(WAIT);
  await shot(admin, '09-end-now-dialog');
  await confirm.getByRole('button', { name: 'End now' }).click();
  const endedAt = Date.now();
  await admin.getByText('Auction ended: it closes within seconds.').waitFor(WAIT);
  // The watcher's page says bidding is over without a reload, then the result once the worker closes it.
  await endingView.getByText('Bidding closed, settling the result').or(endingView.locator('.badge--sold')).first().waitFor(WAIT);
  timings.endNowToBidderMs = Date.now() - endedAt;
  await endingView.locator('.badge--sold').waitFor(WAIT);
  await endingView.getByText('Ended early', { exact: true }).first().waitFor(WAIT);
  await shot(endingView, '10-app-ended-early');
  const sale = await eventually(
    'the sale of the auction ended early is recorded',
    async () => (await strapi.db.query('api::sale.sale').findOne({ where: { auction: { documentId: ending } } })) ?? undefined,
  );
  expect(sale).toMatchObject({ hammerPrice: '500000' });
  // Each try reloads the edit view and looks for a moment: the result appears once the worker has closed the auction.
  const reloading = { timeoutMs: 45_000, intervalMs: 500 };
  const briefly = { timeout: 3_000 };
  await eventually(
    'the edit view shows the result',
    async () => {
      await admin.goto(`/admin/content-manager/collection-types/api::auction.auction/${ending}`);
      const result = admin.getByTestId('auction-result');
      await result.waitFor(briefly);
      return (await result.textContent())?.includes('Sold for $5,000.00') ? true : undefined;
    },
    reloading,
  );

  // Ended below its reserve: unsold, and the panel names the highest bidder for the seller's offer.
  const offered = await createAuction(strapi, {
    title: `Offer test ${Date.now().toString(36)}`,
    startingPrice: 800_000,
    reservePrice: 1_200_000,
    endsInMs: 2 * HOUR,
  });
  expect((await placeBid(bidder, offered, 900_000)).status).toBe(202);
  await eventually('the bid is decided', async () =>
    Number((await strapi.db.query('api::auction.auction').findOne({ where: { documentId: offered } }))?.bidCount) === 1 ? true : undefined,
  );
  await documentAction(admin, offered, 'End now');
  await confirm.getByRole('button', { name: 'End now' }).click();
  await admin.getByText('Auction ended: it closes within seconds.').waitFor(WAIT);
  await eventually(
    'the unsold result shows with its highest bidder',
    async () => {
      await admin.goto(`/admin/content-manager/collection-types/api::auction.auction/${offered}`);
      const result = admin.getByTestId('auction-result');
      await result.waitFor(briefly);
      const text = (await result.textContent()) ?? '';
      return text.includes('Unsold: highest bid $9,000.00') &&
        text.includes('The reserve of $12,000.00 was not met') &&
        text.includes(bidder.username)
        ? true
        : undefined;
    },
    reloading,
  );
  await shot(admin, '14-unsold-result');

  // Withdraw: a reason is required, and the bidder reads it live.
  await documentAction(admin, withdrawing, 'Withdraw');
  const modal = admin.getByRole('dialog');
  await modal.getByRole('button', { name: 'Withdraw auction' }).click();
  await modal.getByText(/at least 3 characters/).waitFor(WAIT);
  const reason = 'The seller found a problem with the title and cannot sell the car.';
  await modal.getByLabel('Reason bidders will see').fill(reason);
  await shot(admin, '11-withdraw-dialog');
  await modal.getByRole('button', { name: 'Withdraw auction' }).click();
  const withdrawnAt = Date.now();
  await admin.getByText('Auction withdrawn: bidders now see your reason.').waitFor(WAIT);
  await withdrawingView.getByTestId('withdrawn-notice').filter({ hasText: reason }).waitFor(WAIT);
  timings.withdrawToBidderMs = Date.now() - withdrawnAt;
  await withdrawingView.locator('.badge--withdrawn').waitFor(WAIT);
  expect(await withdrawingView.getByRole('button', { name: 'Place bid' }).count()).toBe(0);
  await shot(withdrawingView, '12-app-withdrawn');
  // The edit view now shows what the actions set, read-only.
  await admin.goto(`/admin/content-manager/collection-types/api::auction.auction/${withdrawing}`);
  const shownReason = admin.getByLabel('Reason for withdrawing');
  await shownReason.waitFor(WAIT);
  expect(await shownReason.inputValue()).toBe(reason);
  expect(await shownReason.isDisabled()).toBe(true);
  await shot(admin, '13-withdrawn-in-panel');
  expect(pageErrors).toEqual([]);
});

test('an admin blocks a bidder in the panel: their bids are refused within seconds', async () => {
  const bidder = await registerBidder('blockedbidder');
  const auction = await createAuction(strapi, { title: `Block test ${Date.now().toString(36)}`, startingPrice: 100_000 });
  expect((await placeBid(bidder, auction, 100_000)).status).toBe(202);
  const user = (await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: bidder.id } })) as { documentId: string };
  const admin = await logIn('admin@car-auction.local', 'Admin-pass-1234');
  await admin.goto(`/admin/content-manager/collection-types/plugin::users-permissions.user/${user.documentId}`);
  const blocked = admin.getByRole('checkbox', { name: 'Blocked' });
  await blocked.waitFor(WAIT);
  await blocked.click();
  await shot(admin, '15-block-bidder');
  await admin.getByRole('button', { name: 'Save' }).click();
  await admin.getByText('Saved document').first().waitFor(WAIT);
  const savedAt = Date.now();
  const refused = await eventually(
    "the blocked bidder's bid is refused",
    async () => {
      const res = await placeBid(bidder, auction, 200_000);
      return res.status === 403 ? res : undefined;
    },
    // Under the bid rate limit (20 per bidder per 10 s).
    { timeoutMs: 15_000, intervalMs: 1_000 },
  );
  timings.blockToRefusalMs = Date.now() - savedAt;
  expect(refused.error?.details.code).toBe('account_blocked');
  expect(pageErrors).toEqual([]);
});
