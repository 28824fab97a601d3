import path from 'node:path';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { eventually } from './bidders';
import { freePort } from './free-port';

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
export async function serveBiddingApp(settings: { cmsUrl: string; realtimeUrl: string; port?: number }): Promise<ServedApp> {
  const port = settings.port ?? (await freePort());
  const env = {
    ...process.env,
    VITE_CMS_URL: settings.cmsUrl,
    VITE_REALTIME_URL: settings.realtimeUrl,
    APP_OUT_DIR: path.join(appDir, '.tmp', 'e2e-build'),
    APP_HOST: '127.0.0.1',
    APP_PORT: String(port),
  };
  await promisify(execFile)(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: appDir, env });
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [vite, 'preview'], { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  process.on('exit', () => child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  await eventually(`the app served on ${url}`, async () => {
    if (child.exitCode !== null) throw new Error(`vite preview exited ${child.exitCode}: ${output}`);
    const res = await fetch(url).catch(() => null);
    return res?.ok ? true : undefined;
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
