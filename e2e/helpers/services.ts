import path from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const root = path.resolve(__dirname, '..', '..');
const dataDir = process.env.CAR_AUCTION_DATA_DIR ?? path.join(root, '.data');

type Service = 'kafka' | 'redis';

export function infra(service: Service, command: 'start' | 'stop' | 'status'): string {
  return execFileSync('bash', [path.join(root, 'infra', `${service}.sh`), command], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Fault tests stop and kill services, so they run only against the ones the
 * project's scripts started (scripts/test.sh always does), never someone else's.
 */
export function isOurs(service: Service): boolean {
  try {
    return /\(pid \d+, ours\)/.test(infra(service, 'status'));
  } catch {
    return false;
  }
}

/** SIGKILL the service process we started: no shutdown, no flush. */
export function killNine(service: Service): number {
  const pid = Number(readFileSync(path.join(dataDir, 'run', `${service}.pid`), 'utf8').trim());
  process.kill(pid, 'SIGKILL');
  return pid;
}

/** Redis restarted empty: stopped, its data files (AOF, RDB) removed, started again. */
export function restartRedisWithoutData(): void {
  infra('redis', 'stop');
  rmSync(path.join(dataDir, 'redis'), { recursive: true, force: true });
  infra('redis', 'start');
}
