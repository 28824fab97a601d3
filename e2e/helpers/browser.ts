import { chromium, type Browser, type Page } from 'playwright-core';
import { BIDDER_PASSWORD } from '@car-auction/test-support/bidders';

/**
 * Debian's Chromium (installed by scripts/setup.sh), headless. The background
 * services are switched off: this machine's closed network refuses them and
 * Chromium would keep retrying.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Logs in through the app's form (the test bidders' password), landing on `next`. */
export async function logInThroughApp(page: Page, username: string, next: string): Promise<void> {
  await page.goto(`/login?next=${next}`);
  await page.getByLabel('Email or username').fill(username);
  await page.getByLabel('Password').fill(BIDDER_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}
