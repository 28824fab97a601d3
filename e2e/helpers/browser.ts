import { chromium, type Browser } from 'playwright-core';

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
