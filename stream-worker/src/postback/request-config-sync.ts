import { setTimeout as sleep } from 'node:timers/promises';
import { DependencyError } from '../ops/dependency-error';

const ATTEMPTS = 20;

export interface ConfigSyncOptions {
  fetchImpl?: typeof fetch;
  /** After every attempt: whether the cms answered (any answer but a 5xx), and otherwise why not. */
  onAttempt?(answered: boolean, reason: string | null): void;
}

/**
 * Asks the cms to write every published auction's configuration to Redis
 * again (its internal endpoint, the worker's API token). Retried with backoff
 * for about a minute: during a Redis outage the cms may not reach Redis yet.
 * Gives up with a DependencyError naming the cms; whoever asked retries later.
 */
export function configSyncRequester(cmsUrl: string, token: string, { fetchImpl = fetch, onAttempt }: ConfigSyncOptions = {}) {
  return async (): Promise<void> => {
    let last = '';
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        const res = await fetchImpl(`${cmsUrl}/api/internal/auctions/config-sync`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(30_000),
        });
        last = `cms answered ${res.status}`;
        onAttempt?.(res.status < 500, res.status < 500 ? null : last);
        if (res.ok) return;
        // A refused token will not get better by asking again.
        if (res.status === 401 || res.status === 403) break;
      } catch (err) {
        last = (err as Error).message;
        onAttempt?.(false, last);
      }
      await sleep(Math.min(5_000, 250 * 2 ** attempt));
    }
    throw new DependencyError('cms', new Error(`the cms did not rewrite the auction configuration: ${last}`));
  };
}
