import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { spawnChild } from '@car-auction/test-support/child-process';
import { freePort } from '@car-auction/test-support/ports';
import { eventually } from '@car-auction/test-support/wait';

const appDir = path.resolve(__dirname, '..', '..', 'bidding-app');
const vite = path.resolve(__dirname, '..', '..', 'node_modules', 'vite', 'bin', 'vite.js');

export interface ServedApp {
  url: string;
  stop(): Promise<void>;
}

/**
 * Builds the bidding app for this test's cms and gateway (Vite reads the
 * VITE_ settings at build time) into its own folder, and serves it with
 * `vite preview`, as `npm start` does.
 */
export async function serveBiddingApp(settings: {
  cmsUrl: string;
  realtimeUrl: string;
  notifierUrl?: string;
  port?: number;
}): Promise<ServedApp> {
  const port = settings.port ?? (await freePort());
  const env = {
    ...process.env,
    VITE_CMS_URL: settings.cmsUrl,
    VITE_REALTIME_URL: settings.realtimeUrl,
    // No notifier for this test: an address where nothing answers (the bell then stays empty).
    VITE_NOTIFIER_URL: settings.notifierUrl ?? 'http://127.0.0.1:9',
    APP_OUT_DIR: path.join(appDir, '.tmp', 'e2e-build'),
    APP_HOST: '127.0.0.1',
    APP_PORT: String(port),
  };
  await promisify(execFile)(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: appDir, env });
  const preview = spawnChild({ name: 'vite preview', command: process.execPath, args: [vite, 'preview'], cwd: appDir, env });
  const url = `http://127.0.0.1:${port}`;
  await eventually(`the app served on ${url}`, async () => {
    if (preview.child.exitCode !== null) throw new Error(`vite preview exited ${preview.child.exitCode}: ${preview.tail()}`);
    const res = await fetch(url).catch(() => null);
    return res?.ok ? true : undefined;
  });
  return {
    url,
    async stop() {
      await preview.stop();
    },
  };
}
