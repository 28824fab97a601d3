import type { Redis } from 'ioredis';
import {
  AUCTION_PENDING_EVENTS_KEY,
  AUCTION_REMINDERS_KEY,
  AUCTIONS_BY_END_KEY,
  AUCTIONS_CLOSED_UNANNOUNCED_KEY,
  ENDING_SOON_WINDOWS,
  auctionEventIds,
  auctionEventSchema,
  auctionReminderField,
  auctionStateKey,
  type AuctionEvent,
  type EndingSoonWindow,
} from '@car-auction/contracts';
import { partitionOf } from '@car-auction/service-support';
import type { Logger } from '../log';
import { periodic } from '@car-auction/service-support';
import type { PublishAuctionEvents } from './event-publisher';

export interface EventTickerOptions {
  redis: Redis;
  publish: PublishAuctionEvents;
  log: Logger;
  intervalMs: number;
  assignedPartitions(): number[];
  /** False while Redis or the broker is down: the tick is skipped, not failed. */
  canWork(): boolean;
  /** For tests: the clock. */
  now?: () => number;
}

/** Auctions looked at per tick, per kind of work: a backlog drains over a few ticks. */
const PER_TICK = 200;

/**
 * The events no bid causes, produced by the owner of the auction's partition:
 * - `closed`, for each auction the close step marked unannounced (in the same
 *   atomic step as the close), unmarked only once produced;
 * - `withdrawn` (and any other event the cms leaves in the pending hash),
 *   removed once produced;
 * - `ending_soon`, once per auction and window, for live auctions whose
 *   effective end (soft close included) is within the window: only the
 *   tightest window due is produced (an auction found 5 minutes before its end
 *   is not told "1 hour left").
 * Each is produced before it is marked done, so a crash repeats an event (with
 * its id) rather than losing it.
 */
export function createEventTicker(options: EventTickerOptions) {
  const { redis, log } = options;
  const now = options.now ?? Date.now;
  const mine = (auctionId: string, owned: Set<number>) => owned.has(partitionOf(auctionId));

  const announceCloses = async (owned: Set<number>) => {
    const ids = (await redis.srandmember(AUCTIONS_CLOSED_UNANNOUNCED_KEY, PER_TICK)).filter((id) => mine(id, owned));
    if (ids.length === 0) return;
    const read = redis.pipeline();
    for (const id of ids) read.hmget(auctionStateKey(id), 'closedAs', 'leaderId', 'currentPrice');
    const rows = (await read.exec()) ?? [];
    const at = now();
    const events: AuctionEvent[] = [];
    ids.forEach((auctionId, i) => {
      const [closedAs, leader, price] = (rows[i]?.[1] as (string | null)[] | undefined) ?? [];
      if (closedAs !== 'sold' && closedAs !== 'unsold') return;
      const leaderId = leader ? Number(leader) : null;
      events.push({
        kind: 'closed',
        eventId: auctionEventIds.closed(auctionId),
        auctionId,
        at,
        status: closedAs,
        finalPrice: price ? Number(price) : null,
        leaderId,
        winnerId: closedAs === 'sold' ? leaderId : null,
      });
    });
    await options.publish(events);
    const done = redis.multi().srem(AUCTIONS_CLOSED_UNANNOUNCED_KEY, ...ids);
    // An auction that has ended needs no more reminders: forget it was reminded.
    done.hdel(AUCTION_REMINDERS_KEY, ...ids.flatMap((id) => ENDING_SOON_WINDOWS.map(({ window }) => auctionReminderField(id, window))));
    await done.exec();
    log.debug({ closed: events.length }, 'closed auctions announced');
  };

  const announcePending = async (owned: Set<number>) => {
    const pending = await redis.hgetall(AUCTION_PENDING_EVENTS_KEY);
    const fields: string[] = [];
    const events: AuctionEvent[] = [];
    for (const [eventId, json] of Object.entries(pending).slice(0, PER_TICK)) {
      const parsed = auctionEventSchema.safeParse(safeJson(json));
      if (!parsed.success) {
        // Nothing can ever make it valid: drop it, loudly, rather than retrying forever.
        log.error({ eventId, issues: parsed.error.issues.slice(0, 3) }, 'dropping an invalid pending auction event');
        fields.push(eventId);
      } else if (mine(parsed.data.auctionId, owned)) {
        fields.push(eventId);
        events.push(parsed.data);
      }
    }
    await options.publish(events);
    if (fields.length > 0) await redis.hdel(AUCTION_PENDING_EVENTS_KEY, ...fields);
  };

  const remindEndingSoon = async (owned: Set<number>) => {
    const at = now();
    const widest = Math.max(...ENDING_SOON_WINDOWS.map((w) => w.ms));
    const due = await redis.zrangebyscore(AUCTIONS_BY_END_KEY, at, at + widest, 'WITHSCORES', 'LIMIT', 0, PER_TICK);
    const candidates: { auctionId: string; endsAt: number }[] = [];
    for (let i = 0; i < due.length; i += 2) {
      if (mine(due[i]!, owned)) candidates.push({ auctionId: due[i]!, endsAt: Number(due[i + 1]) });
    }
    if (candidates.length === 0) return;
    const read = redis.pipeline();
    for (const { auctionId } of candidates) {
      read.hmget(auctionStateKey(auctionId), 'startsAt', 'withdrawn', 'closedAs');
      read.hmget(AUCTION_REMINDERS_KEY, ...ENDING_SOON_WINDOWS.map(({ window }) => auctionReminderField(auctionId, window)));
    }
    const rows = (await read.exec()) ?? [];
    const events: AuctionEvent[] = [];
    const marks: string[] = [];
    candidates.forEach(({ auctionId, endsAt }, i) => {
      const [startsAt, withdrawn, closedAs] = (rows[2 * i]?.[1] as (string | null)[] | undefined) ?? [];
      const reminded = (rows[2 * i + 1]?.[1] as (string | null)[] | undefined) ?? [];
      if (!startsAt || Number(startsAt) > at || withdrawn === '1' || closedAs) return;
      const window = tightestDue(endsAt - at);
      if (!window) return;
      const index = ENDING_SOON_WINDOWS.findIndex((w) => w.window === window);
      if (reminded[index]) return;
      events.push({ kind: 'ending_soon', eventId: auctionEventIds.endingSoon(auctionId, window), auctionId, at, window, endsAt });
      // This window and every wider one: a wider reminder after a tighter one would be wrong.
      for (const { window: w } of ENDING_SOON_WINDOWS.slice(0, index + 1)) marks.push(auctionReminderField(auctionId, w), String(endsAt));
    });
    await options.publish(events);
    if (marks.length > 0) await redis.hset(AUCTION_REMINDERS_KEY, ...marks);
  };

  const tick = async () => {
    if (!options.canWork()) return;
    const owned = new Set(options.assignedPartitions());
    if (owned.size === 0) return;
    await announceCloses(owned);
    await announcePending(owned);
    await remindEndingSoon(owned);
  };

  const loop = periodic(tick, options.intervalMs, (err) =>
    log.warn({ err: (err as Error).message }, 'auction events tick failed; will retry'),
  );
  return { ...loop, tick };
}

/** The narrowest window the time left is within, if any (windows run widest first). */
export function tightestDue(leftMs: number): EndingSoonWindow | null {
  let found: EndingSoonWindow | null = null;
  for (const { window, ms } of ENDING_SOON_WINDOWS) if (leftMs > 0 && leftMs <= ms) found = window;
  return found;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
