import path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { cmsUrl, createAuction, moveAuctionEnd, startCms, stopCms } from './helpers/cms';
import { eventually, placeBid, registerBidder } from './helpers/bidders';
import { closeClients, redisState } from './helpers/ledger';
import { startWorker, type WorkerProcess } from './helpers/worker';
import { serveBiddingApp, type ServedApp } from './helpers/bidding-app';
import { launchChromium, logInThroughApp } from './helpers/browser';
import { freePort } from '@car-auction/test-support/ports';
import { defaultIncrementTableId } from '@car-auction/test-support/auctions';

/**
 * Two bidders in two browser contexts (one at desktop width, one at phone
 * width) on one auction, through the built app, the cms, Kafka, the worker and
 * its Socket.IO gateway. Screenshots go to test-artifacts/browser/.
 */
const ARTIFACTS = path.resolve(__dirname, '..', 'test-artifacts', 'browser');
const WAIT = { timeout: 20_000 };

let strapi: Core.Strapi;
let worker: WorkerProcess;
let app: ServedApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
const timings: Record<string, number> = {};

async function openContext(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: app.url });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
  return page;
}

const bidResponse = (page: Page) =>
  page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/auctions\/[^/]+\/bids$/.test(r.url()), WAIT);

async function bid(page: Page, dollars: string, maximumDollars?: string) {
  await page.getByLabel(/Your bid/).fill(dollars);
  if (maximumDollars !== undefined) await page.getByLabel(/Set your maximum/).fill(maximumDollars);
  const response = bidResponse(page);
  await page.getByRole('button', { name: 'Place bid' }).click();
  return response;
}

/** Logs in through the app's form and lands on the auction. */
async function logInTo(page: Page, username: string, auctionId: string) {
  await logInThroughApp(page, username, `/auctions/${auctionId}`);
  await page.getByTestId('auction-page').waitFor(WAIT);
}

/**
 * Everything a page was sent: the cms's answers and the gateway's socket
 * frames, as text, to show that something never reached it.
 */
function recordWhatReaches(page: Page): string[] {
  const received: string[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'fetch')
      void response.text().then(
        (text) => received.push(text),
        () => undefined,
      );
  });
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => received.push(String(payload))));
  return received;
}

/** Whether `text` holds `cents` as a number of its own (not as digits inside a timestamp or a longer number). */
const mentionsCents = (text: string, cents: number) => new RegExp(`(?<![\\d.])${cents}(?![\\d.])`).test(text);

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const appPort = await freePort();
  const appOrigin = `http://127.0.0.1:${appPort}`;
  // The browser calls the cms and the gateway from the app's origin: both must allow it.
  process.env.CORS_ORIGINS = appOrigin;
  strapi = await startCms();
  worker = await startWorker({ CORS_ORIGINS: appOrigin });
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

test('two bidders: live price, outbid toast, resync after going offline, and an ended auction refusing a bid', async () => {
  const nsx = await createAuction(strapi, {
    title: '1991 Honda NSX, original paint',
    car: { make: 'Honda', model: 'NSX', year: 1991, mileage: 48_900 },
    photos: ['1991-honda-nsx-1.jpg', '1991-honda-nsx-2.jpg'],
    startingPrice: 6_000_000,
    minIncrement: 100_000,
    reservePrice: 6_150_000,
    endsInMs: 2 * 3_600_000,
  });
  const porsche = await createAuction(strapi, {
    title: '1973 Porsche 911 Carrera RS 2.7',
    car: { make: 'Porsche', model: '911 Carrera RS', year: 1973, mileage: 61_500 },
    photos: ['1973-porsche-911-1.jpg'],
    startingPrice: 50_000_000,
    minIncrement: 500_000,
    endsInMs: 8 * 60_000,
  });

  // Alice registers through the app at desktop width; the session survives a reload.
  const alice = await openContext({ width: 1280, height: 900 });
  const aliceName = `alice${Date.now().toString(36)}`;
  await alice.goto('/register');
  await alice.getByLabel('Username').fill(aliceName);
  await alice.getByLabel('Email').fill(`${aliceName}@example.test`);
  await alice.getByLabel('Password').fill('Secret-pass-123');
  await alice.getByRole('button', { name: 'Create account' }).click();
  await alice.getByRole('heading', { name: 'Live auctions' }).waitFor(WAIT);
  await alice.reload();
  await alice.getByTestId('signed-in-as').filter({ hasText: aliceName }).waitFor(WAIT);

  // The list: cards with photo, price, badges and countdown.
  const nsxCard = alice.locator(`[data-auction-id="${nsx}"]`);
  await nsxCard.getByText('Reserve not met').waitFor(WAIT);
  await alice.locator(`[data-auction-id="${porsche}"]`).getByText('Ending soon').waitFor(WAIT);
  // The photo comes from the cms's uploads, cross-origin: it must load, not merely be in the page.
  // Card photos load lazily, and earlier suites leave many auctions above this one.
  await nsxCard.scrollIntoViewIfNeeded();
  await eventually(
    'the card photo loaded',
    async () =>
      (await nsxCard.getByRole('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)) ? true : undefined,
    20_000,
  );
  await alice.screenshot({ path: path.join(ARTIFACTS, 'auction-list.png'), fullPage: true });
  await nsxCard.getByRole('link').click();
  await alice.getByRole('heading', { name: '1991 Honda NSX' }).waitFor(WAIT);

  // Bob has an account already and logs in at phone width, straight to the auction.
  const bobAccount = await registerBidder('bob');
  const bob = await openContext({ width: 390, height: 844 });
  await bob.goto(`/login?next=/auctions/${nsx}`);
  await bob.getByLabel('Email or username').fill(bobAccount.username);
  await bob.getByLabel('Password').fill('Secret-pass-123');
  await bob.getByRole('button', { name: 'Log in' }).click();
  await bob.getByTestId('auction-page').waitFor(WAIT);
  await bob.getByText('Starting bid').waitFor(WAIT);
  await bob.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));

  // Alice bids; Bob's page shows her price without a reload.
  const first = await bid(alice, '61000');
  expect(first.status()).toBe(202);
  const accepted = Date.now();
  await bob.getByTestId('current-price').filter({ hasText: '$61,000.00' }).waitFor(WAIT);
  timings.bidToOtherBrowserMs = Date.now() - accepted;
  await bob.getByTestId('bid-count').filter({ hasText: '1 bid' }).waitFor(WAIT);
  expect(await bob.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
  await alice.getByText("You're the highest bidder.").waitFor(WAIT);
  await alice.getByText('Reserve not met').waitFor(WAIT);

  // Bob outbids her with the keyboard alone; Alice is told.
  await bob.getByLabel(/Your bid/).focus();
  await bob.keyboard.type('62000');
  const second = bidResponse(bob);
  await bob.keyboard.press('Enter');
  expect((await second).status()).toBe(202);
  const toast = alice.getByRole('alert').filter({ hasText: "You've been outbid" });
  await toast.waitFor(WAIT);
  expect(await toast.textContent()).toContain('$62,000.00');
  await alice.getByTestId('current-price').filter({ hasText: '$62,000.00' }).waitFor(WAIT);
  await alice.getByText('Reserve met').waitFor(WAIT);
  await alice.getByText("You've been outbid.").waitFor(WAIT);
  await bob.getByText("You're the highest bidder.").waitFor(WAIT);
  await alice.getByTestId('bid-history').getByRole('listitem').nth(1).waitFor(WAIT);
  await alice.screenshot({ path: path.join(ARTIFACTS, 'auction-page.png'), fullPage: true });
  await bob.screenshot({ path: path.join(ARTIFACTS, 'auction-page-phone.png'), fullPage: true });

  // Bob's connection drops; a bid lands meanwhile; when he is back the page catches up.
  await bob.context().setOffline(true);
  await bob.getByTestId('connection-banner').waitFor(WAIT);
  const carol = await registerBidder('carol');
  expect((await placeBid(carol, nsx, 6_300_000)).status).toBe(202);
  // The worker posts to the cms after it has pushed to watchers: once the cms has
  // Carol's price, every connected page has been sent it. Bob's has not.
  await eventually('carol leads in the cms', async () => {
    const row = await strapi.db.query('api::auction.auction').findOne({ where: { documentId: nsx, publishedAt: { $notNull: true } } });
    return String(row?.currentPrice) === '6300000' ? true : undefined;
  });
  expect(await bob.getByTestId('current-price').textContent()).toBe('$62,000.00');
  await bob.context().setOffline(false);
  await bob.getByTestId('current-price').filter({ hasText: '$63,000.00' }).waitFor(WAIT);
  await bob.getByText("You've been outbid.").waitFor(WAIT);
  await bob.getByTestId('connection-banner').waitFor({ state: 'detached', ...WAIT });

  // The Porsche auction is ended early by an editor while Alice has it open:
  // her page still offers the form, the cms refuses the bid, and she sees its message.
  await alice.goto(`/auctions/${porsche}`);
  await alice.getByRole('heading', { name: '1973 Porsche 911 Carrera RS' }).waitFor(WAIT);
  const endedAt = Date.now() - 1_000;
  await moveAuctionEnd(strapi, porsche, endedAt);
  await eventually('the new end in Redis', async () => ((await redisState(porsche)).endsAt === String(endedAt) ? true : undefined));
  const refused = await bid(alice, '500000');
  expect(refused.status()).toBe(409);
  const serverMessage = ((await refused.json()) as { error: { message: string } }).error.message;
  expect(serverMessage).toBe(`This auction ended at ${new Date(endedAt).toISOString()}`);
  await alice.getByTestId('bid-error').filter({ hasText: serverMessage }).waitFor(WAIT);
  // It then catches up with the new end: the form closes.
  await eventually('the form disabled', async () => ((await alice.getByLabel(/Your bid/).isDisabled()) ? true : undefined), 20_000);

  expect(pageErrors).toEqual([]);
});

test('a maximum bids for its owner: a lower bid is outbid at once by it, and only its owner ever sees it', async () => {
  // The default car table: $250 steps from $5,000, $500 steps from $25,000.
  const auctionId = await createAuction(strapi, {
    title: '2004 BMW M3 coupe, manual',
    car: { make: 'BMW', model: 'M3', year: 2004, mileage: 58_300 },
    photos: ['2004-bmw-m3-1.jpg'],
    startingPrice: 2_000_000,
    minIncrement: 25_000,
    incrementTable: await defaultIncrementTableId(strapi),
    endsInMs: 2 * 3_600_000,
  });
  const [danaAccount, eveAccount] = await Promise.all([registerBidder('dana'), registerBidder('eve')]);
  const dana = await openContext({ width: 1280, height: 900 });
  const eve = await openContext({ width: 390, height: 844 });
  const eveReceived = recordWhatReaches(eve);
  await logInTo(dana, danaAccount.username, auctionId);
  await logInTo(eve, eveAccount.username, auctionId);

  // Dana bids $20,000 and leaves a maximum of $30,017, in the form.
  await dana.getByText('We bid for you, only as much as needed to keep you in the lead, up to your maximum.').waitFor(WAIT);
  const placed = await bid(dana, '20000', '30017');
  expect(placed.status()).toBe(202);
  expect(placed.request().postDataJSON()).toEqual({ amount: 2_000_000, maxAmount: 3_001_700 });
  await dana.getByText("You're winning, up to your maximum of $30,017.00.").waitFor(WAIT);
  await dana.getByTestId('current-price').filter({ hasText: '$20,000.00' }).waitFor(WAIT);
  await dana.getByTestId('next-bid').filter({ hasText: 'Next bid from $20,250.00 (increments of $250.00)' }).waitFor(WAIT);
  await dana.screenshot({ path: path.join(ARTIFACTS, 'proxy-bid-leading.png'), fullPage: true });

  // Eve sees the price and the table's next bid, bids $24,900: Dana's maximum answers at once, at $24,900 + $250.
  await eve.getByTestId('current-price').filter({ hasText: '$20,000.00' }).waitFor(WAIT);
  await eve.getByTestId('next-bid').filter({ hasText: 'Next bid from $20,250.00 (increments of $250.00)' }).waitFor(WAIT);
  expect((await bid(eve, '24900')).status()).toBe(202);
  await eve.getByRole('alert').filter({ hasText: 'Outbid at once by an earlier maximum' }).waitFor(WAIT);
  await eve.getByTestId('my-standing').filter({ hasText: 'Outbid at once by an earlier maximum' }).waitFor(WAIT);
  await eve.getByTestId('current-price').filter({ hasText: '$25,150.00' }).waitFor(WAIT);
  // Above $25,000 the table's step is $500.
  await eve.getByTestId('next-bid').filter({ hasText: 'Next bid from $25,650.00 (increments of $500.00)' }).waitFor(WAIT);
  await eve.screenshot({ path: path.join(ARTIFACTS, 'proxy-bid-outbid-phone.png'), fullPage: true });

  // Dana's price moved by the automatic bid; she still leads up to her maximum.
  await dana.getByTestId('current-price').filter({ hasText: '$25,150.00' }).waitFor(WAIT);
  await dana.getByText("You're winning, up to your maximum of $30,017.00.").waitFor(WAIT);

  // She raises her maximum: the price stays where it is.
  await dana.getByLabel(/Raise your maximum/).fill('35000');
  const raised = bidResponse(dana);
  await dana.getByRole('button', { name: 'Set maximum' }).click();
  expect((await raised).status()).toBe(202);
  expect((await raised).request().postDataJSON()).toEqual({ amount: 2_515_000, maxAmount: 3_500_000 });
  await dana.getByText("You're winning, up to your maximum of $35,000.00.").waitFor(WAIT);
  expect(await dana.getByTestId('current-price').textContent()).toBe('$25,150.00');
  await dana.screenshot({ path: path.join(ARTIFACTS, 'proxy-bid-raised.png'), fullPage: true });

  // Eve's page, and everything the cms and the gateway sent it, never held Dana's maximum.
  await eve.reload();
  await eve.getByTestId('current-price').filter({ hasText: '$25,150.00' }).waitFor(WAIT);
  const eveText = (await eve.locator('body').innerText()) + (await eve.content());
  for (const shown of ['30,017', '35,000']) expect(eveText).not.toContain(shown);
  expect(eveReceived.length).toBeGreaterThan(0);
  for (const text of eveReceived) {
    expect(mentionsCents(text, 3_001_700)).toBe(false);
    expect(mentionsCents(text, 3_500_000)).toBe(false);
  }

  // Both histories show the automatic bid that answered Eve's, above hers.
  for (const page of [dana, eve]) {
    const history = page.getByTestId('bid-history').getByRole('listitem');
    await history.nth(1).waitFor(WAIT);
    expect(await history.first().textContent()).toMatch(/\$25,150\.00.*automatic bid/);
    expect(await history.nth(1).textContent()).toContain('$20,000.00');
  }
  await eve.screenshot({ path: path.join(ARTIFACTS, 'proxy-bid-history-phone.png'), fullPage: true });
  expect(pageErrors).toEqual([]);
});
