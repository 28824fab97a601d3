import type { AuctionProjection } from '@car-auction/contracts';
import type { Logger } from '../log';

export interface ProjectionPosterOptions {
  cmsUrl: string;
  token: string;
  /** Minimum time between two posts for one auction. */
  intervalMs: number;
  log: Logger;
  fetchImpl?: typeof fetch;
  /** The cms has answered for this version (taken, or refused for good): nothing more is owed for it. */
  onDelivered?(auctionId: string, version: number): void;
}

interface Slot {
  latest: AuctionProjection;
  sentVersion: number;
  lastSentAt: number;
  timer: NodeJS.Timeout | null;
  inFlight: boolean;
  failures: number;
}

/**
 * Posts each auction's current bid back to the cms, coalesced: only the latest
 * state is sent, at most once per interval per auction, retried with backoff
 * while the cms is down. `offer` never waits, so bid processing never waits for
 * Strapi. The cms applies a post only if its version is newer.
 */
export function createProjectionPoster(options: ProjectionPosterOptions) {
  const slots = new Map<string, Slot>();
  const doFetch = options.fetchImpl ?? fetch;
  let stopped = false;

  const schedule = (auctionId: string, slot: Slot, delay: number) => {
    if (slot.timer || slot.inFlight || stopped) return;
    slot.timer = setTimeout(() => {
      slot.timer = null;
      void flush(auctionId, slot);
    }, delay);
  };

  const flush = async (auctionId: string, slot: Slot) => {
    if (slot.latest.version <= slot.sentVersion) return;
    const sending = slot.latest;
    slot.inFlight = true;
    try {
      const res = await doFetch(`${options.cmsUrl}/api/internal/auctions/${auctionId}/projection`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body: JSON.stringify(sending),
        signal: AbortSignal.timeout(5_000),
      });
      if (res.status === 404 || res.status === 400) {
        // Not retriable: the auction is gone, or the cms refuses this shape.
        options.log.warn({ auctionId, status: res.status, body: await res.text() }, 'projection refused by the cms');
        slot.sentVersion = sending.version;
      } else if (!res.ok) {
        throw new Error(`cms answered ${res.status}`);
      } else {
        slot.sentVersion = sending.version;
      }
      options.onDelivered?.(auctionId, sending.version);
      slot.failures = 0;
      slot.lastSentAt = Date.now();
    } catch (err) {
      slot.failures += 1;
      options.log.warn({ auctionId, failures: slot.failures, err: (err as Error).message }, 'projection post failed; will retry');
    } finally {
      slot.inFlight = false;
    }
    if (slot.latest.version > slot.sentVersion) {
      const backoff = slot.failures > 0 ? Math.min(10_000, 200 * 2 ** Math.min(slot.failures, 6)) : 0;
      schedule(auctionId, slot, Math.max(backoff, slot.lastSentAt + options.intervalMs - Date.now()));
    } else if (slot.timer === null && !stopped) {
      // Keep the slot, and with it lastSentAt, for one more interval: an offer in
      // the meantime waits for this timer instead of posting at once, so an auction
      // is posted at most once per interval however its bids are spaced.
      slot.timer = setTimeout(() => {
        slot.timer = null;
        if (slot.latest.version > slot.sentVersion) void flush(auctionId, slot);
        else slots.delete(auctionId);
      }, options.intervalMs);
    }
  };

  return {
    offer(auctionId: string, projection: AuctionProjection) {
      let slot = slots.get(auctionId);
      if (!slot) {
        slot = { latest: projection, sentVersion: 0, lastSentAt: 0, timer: null, inFlight: false, failures: 0 };
        slots.set(auctionId, slot);
      } else if (projection.version > slot.latest.version) {
        slot.latest = projection;
      }
      schedule(auctionId, slot, Math.max(0, slot.lastSentAt + options.intervalMs - Date.now()));
    },

    /** Sends what is pending once more (bounded), then stops. */
    async drain(timeoutMs: number) {
      stopped = true;
      const pending = [...slots.entries()].filter(([, s]) => s.latest.version > s.sentVersion);
      for (const [, slot] of slots) if (slot.timer) clearTimeout(slot.timer);
      await Promise.race([
        Promise.all(pending.map(([id, slot]) => flush(id, slot))),
        new Promise((resolve) => setTimeout(resolve, timeoutMs)),
      ]);
    },

    pending: () => [...slots.values()].filter((s) => s.latest.version > s.sentVersion).length,
  };
}
export type ProjectionPoster = ReturnType<typeof createProjectionPoster>;
