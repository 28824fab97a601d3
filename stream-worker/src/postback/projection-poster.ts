import {
  AUCTION_PROJECTION_BATCH_MAX,
  auctionProjectionBatchAnswerSchema,
  type AuctionProjection,
  type AuctionProjectionBatch,
} from '@car-auction/contracts';
import type { Logger } from '../log';

export interface ProjectionPosterOptions {
  cmsUrl: string;
  token: string;
  /** Minimum time between two flushes, so between two posts for one auction. */
  intervalMs: number;
  log: Logger;
  fetchImpl?: typeof fetch;
  /** The cms has answered for this version (taken, stale, or refused for good): nothing more is owed for it. */
  onDelivered?(auctionId: string, version: number): void;
  /** After every request: whether the cms took the batch (or refused it for good), and otherwise why not. Feeds /healthz. */
  onResult?(answered: boolean, reason: string | null): void;
}

const REQUEST_TIMEOUT_MS = 5_000;
const backoffMs = (failures: number) => Math.min(10_000, 200 * 2 ** Math.min(failures, 6));

/**
 * Posts auctions' current bids back to the cms, coalesced: only the latest state
 * of each is sent, and every auction due goes in one request per interval
 * (several above the batch limit), because each request costs the cms a token
 * check and a transaction however few auctions it carries. Retried with backoff
 * while the cms is down. `offer` never waits, so bid processing never waits for
 * Strapi. The cms applies a projection only if its version is newer, so a retry
 * or an overlap with another worker is harmless.
 */
export function createProjectionPoster(options: ProjectionPosterOptions) {
  /** Each auction's latest offered state until the cms has answered for that version. */
  const owed = new Map<string, AuctionProjection>();
  const doFetch = options.fetchImpl ?? fetch;
  const url = `${options.cmsUrl}/api/internal/auctions/projections`;
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> | null = null;
  let lastFlushAt = -Infinity;
  let failures = 0;
  let stopped = false;

  const delivered = (auctionId: string, version: number) => {
    // A newer state offered while this one was in flight is still owed.
    if ((owed.get(auctionId)?.version ?? Infinity) <= version) owed.delete(auctionId);
    options.onDelivered?.(auctionId, version);
  };

  /** Sends one chunk; false when the cms did not answer, so everything in it stays owed. */
  const post = async (chunk: [string, AuctionProjection][]): Promise<boolean> => {
    const batch: AuctionProjectionBatch = { data: chunk.map(([auctionId, projection]) => ({ auctionId, projection })) };
    try {
      const res = await doFetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body: JSON.stringify(batch),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (res.status === 400) {
        // The cms refuses the batch's shape. Sent again it would be refused
        // again, and hold every auction in it hostage, so it counts as answered.
        const body = await res.text();
        options.log.warn({ status: res.status, body, auctions: chunk.length }, 'projection batch refused by the cms; dropped');
        for (const [auctionId, projection] of chunk) delivered(auctionId, projection.version);
      } else if (!res.ok) {
        // 404 included: for a whole batch it means a cms without this route (mid-deploy), not a gone auction.
        throw new Error(`cms answered ${res.status}`);
      } else {
        const answer = auctionProjectionBatchAnswerSchema.safeParse(await res.json());
        if (!answer.success) throw new Error('cms answered with an unexpected body');
        const sentVersions = new Map(chunk.map(([auctionId, projection]) => [auctionId, projection.version]));
        for (const { auctionId, result } of answer.data.data) {
          const version = sentVersions.get(auctionId);
          if (version === undefined) continue;
          // Not retriable: the auction was deleted in the cms.
          if (result === 'not_found') options.log.warn({ auctionId, version }, 'projection for an auction the cms does not know; dropped');
          delivered(auctionId, version);
        }
      }
      failures = 0;
      options.onResult?.(true, null);
      return true;
    } catch (err) {
      failures += 1;
      options.onResult?.(false, (err as Error).message);
      options.log.warn({ auctions: chunk.length, failures, err: (err as Error).message }, 'projection batch failed; will retry');
      return false;
    }
  };

  const flush = async () => {
    lastFlushAt = Date.now();
    const due = [...owed.entries()];
    for (let i = 0; i < due.length; i += AUCTION_PROJECTION_BATCH_MAX) {
      // Chunks go one after another: the cms applies each in a transaction,
      // and if one fails the cms is likely down, so the rest waits for the retry.
      if (!(await post(due.slice(i, i + AUCTION_PROJECTION_BATCH_MAX)))) return;
    }
  };

  // One timer for the whole poster. Flushes never overlap and start at least
  // an interval apart, which is what bounds posts per auction; after a quiet
  // interval the delay is 0, a timeout rather than a call so that the offers of
  // one committed chunk (a synchronous loop) share the request.
  const schedule = () => {
    if (timer || flushing || stopped || owed.size === 0) return;
    const delay = Math.max(0, lastFlushAt + options.intervalMs - Date.now(), failures > 0 ? backoffMs(failures) : 0);
    timer = setTimeout(() => {
      timer = null;
      flushing = flush().finally(() => {
        flushing = null;
        schedule();
      });
    }, delay);
  };

  return {
    offer(auctionId: string, projection: AuctionProjection) {
      const current = owed.get(auctionId);
      if (!current || projection.version > current.version) owed.set(auctionId, projection);
      schedule();
    },

    /** Sends what is pending once more (bounded), then stops. */
    async drain(timeoutMs: number) {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      let deadline: NodeJS.Timeout | undefined;
      await Promise.race([
        (async () => {
          await flushing;
          if (owed.size > 0) await flush();
        })(),
        new Promise<void>((resolve) => (deadline = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(deadline);
    },

    /** Auctions whose latest offered state the cms has not answered for yet. */
    pending: () => owed.size,
  };
}
export type ProjectionPoster = ReturnType<typeof createProjectionPoster>;
