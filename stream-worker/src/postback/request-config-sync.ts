import { setTimeout as sleep } from 'node:timers/promises';

const ATTEMPTS = 20;

/**
 * Asks the cms to write every published auction's configuration to Redis
 * again (its internal endpoint, the worker's API token). Retried with backoff
 * for about a minute: during a Redis outage the cms may not reach Redis yet.
 */
export function configSyncRequester(cmsUrl: string, token: string, fetchImpl: typeof fetch = fetch) {
  return async (): Promise<void> => {
    let last = '';
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        const res = await fetchImpl(`${cmsUrl}/api/internal/auctions/config-sync`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(30_000),
        });
        if (res.ok) return;
        last = `cms answered ${res.status}`;
        // A refused token will not get better by asking again.
        if (res.status === 401 || res.status === 403) break;
      } catch (err) {
        last = (err as Error).message;
      }
      await sleep(Math.min(5_000, 250 * 2 ** attempt));
    }
    throw new Error(`the cms did not rewrite the auction configuration: ${last}`);
  };
}
