import { z } from 'zod';

/**
 * The facts people care about, produced by the stream worker (and the cms, for
 * a withdrawal) once they are durable, for the notifier. Keyed by auction, so
 * one auction's events stay in order. Every event's id is derived from what
 * caused it (a bid, an auction's end, a reminder window), so a redelivery or a
 * second produce repeats the same id and the notifier acts on it once.
 */
export const AUCTION_EVENTS_TOPIC = 'auction-events';
export const AUCTION_EVENTS_PARTITIONS = 8;
export const NOTIFIERS_GROUP = 'notifiers';

/** Reminder windows before the effective end: Catawiki and fishauctions remind about an hour before, eBay about ten minutes. */
export const ENDING_SOON_WINDOWS = [
  { window: '1h', ms: 60 * 60 * 1000 },
  { window: '10m', ms: 10 * 60 * 1000 },
] as const;
export type EndingSoonWindow = (typeof ENDING_SOON_WINDOWS)[number]['window'];

/**
 * Auctions closed in Redis whose `closed` event is not produced yet: the close
 * step adds one in the same atomic step, the worker removes it once produced,
 * so a crash between the two produces it later rather than never.
 */
export const AUCTIONS_CLOSED_UNANNOUNCED_KEY = 'auctions:closed-unannounced';
/**
 * Hash of eventId -> event (JSON) for events that arise outside the worker (an
 * admin's withdrawal, in the cms): the cms writes one with its change, the
 * owner of the auction's partition produces it and removes it.
 */
export const AUCTION_PENDING_EVENTS_KEY = 'auction-events:pending';
/** Hash of `<auctionId>:<window>` -> the end (ms) reminded of: each reminder is produced once per auction. */
export const AUCTION_REMINDERS_KEY = 'auctions:reminded';
export const auctionReminderField = (auctionId: string, window: EndingSoonWindow) => `${auctionId}:${window}`;

const cents = z.number().int().nonnegative();
const userId = z.number().int().positive();
const base = {
  eventId: z.string().min(1).max(200),
  auctionId: z.string().min(1).max(64),
  /** When it happened (epoch ms): the bid's stamp, the close, the tick that saw the window. */
  at: z.number().int().nonnegative(),
};

export const auctionEventSchema = z.discriminatedUnion('kind', [
  /** `userId` led and no longer does: `price` is what beat them. */
  z.object({ ...base, kind: z.literal('outbid'), userId, price: cents, bidId: z.string().min(1) }),
  /** `userId` took the lead at `price`. */
  z.object({ ...base, kind: z.literal('leading'), userId, price: cents, bidId: z.string().min(1) }),
  /** The price reached the (secret) reserve: the auction will sell. */
  z.object({ ...base, kind: z.literal('reserve_met'), price: cents, bidId: z.string().min(1) }),
  z.object({ ...base, kind: z.literal('ending_soon'), window: z.enum(['1h', '10m']), endsAt: z.number().int().nonnegative() }),
  /** The auction ended: sold to `winnerId` at `finalPrice`, or unsold (the reserve not met, or no bids). */
  z.object({
    ...base,
    kind: z.literal('closed'),
    status: z.enum(['sold', 'unsold']),
    finalPrice: cents.nullable(),
    winnerId: userId.nullable(),
    /** Whoever led at the end: the winner if sold, the highest bidder below the reserve if not. */
    leaderId: userId.nullable(),
  }),
  z.object({ ...base, kind: z.literal('withdrawn'), reason: z.string().max(500) }),
]);
export type AuctionEvent = z.infer<typeof auctionEventSchema>;
export type AuctionEventKind = AuctionEvent['kind'];
export const AUCTION_EVENT_KINDS = [
  'outbid',
  'leading',
  'reserve_met',
  'ending_soon',
  'closed',
  'withdrawn',
] as const satisfies readonly AuctionEventKind[];

/** One Kafka record: the events of one auction from one chunk (or one close, one reminder), in order. */
export const auctionEventRecordSchema = z.object({ events: z.array(auctionEventSchema).min(1).max(10_000) });
export type AuctionEventRecord = z.infer<typeof auctionEventRecordSchema>;

/** The ids, stated once: the cause, then what it caused. */
export const auctionEventIds = {
  outbid: (bidId: string, userId: number) => `${bidId}:outbid:${userId}`,
  leading: (bidId: string, userId: number) => `${bidId}:leading:${userId}`,
  reserveMet: (bidId: string) => `${bidId}:reserve_met`,
  endingSoon: (auctionId: string, window: EndingSoonWindow) => `${auctionId}:ending_soon:${window}`,
  closed: (auctionId: string) => `${auctionId}:closed`,
  withdrawn: (auctionId: string) => `${auctionId}:withdrawn`,
};

/** Groups events into records, one per auction, keeping each auction's order. */
export function auctionEventRecords(events: readonly AuctionEvent[]): { key: string; value: string }[] {
  const byAuction = new Map<string, AuctionEvent[]>();
  for (const event of events) {
    const list = byAuction.get(event.auctionId);
    if (list) list.push(event);
    else byAuction.set(event.auctionId, [event]);
  }
  return [...byAuction].map(([key, list]) => ({ key, value: JSON.stringify({ events: list } satisfies AuctionEventRecord) }));
}
