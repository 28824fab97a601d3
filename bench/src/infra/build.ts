import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { log } from '../log';
import { REPO_ROOT } from '../paths';

const run = promisify(execFile);

/** The builds the processes under test run from: contracts (shared), cms/dist, stream-worker/dist. */
const BUILDS: [string, string[]][] = [
  ['contracts', ['run', 'build', '-w', 'contracts']],
  ['cms (server only, no admin panel)', ['run', 'build:server', '-w', 'cms']],
  ['stream-worker', ['run', 'build', '-w', 'stream-worker']],
];

export async function buildAll(): Promise<void> {
  for (const [what, args] of BUILDS) {
    log(`build: ${what}`);
    try {
      await run('npm', args, { cwd: REPO_ROOT, timeout: 300_000, maxBuffer: 32 * 1024 * 1024 });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; message: string };
      throw new Error(`build of ${what} failed (npm ${args.join(' ')}):\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: err });
    }
  }
}
