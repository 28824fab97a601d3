import {
  formatDuration,
  type AdminActivityEvent,
  type AdminBidEntry,
  type AuctionAdminActionEvent,
  type AuctionLiveState,
} from '@car-auction/contracts';

/** How many bids the feed keeps, and over how long bids per minute are counted. */
export const FEED_LENGTH = 20;
export const RATE_WINDOW_MS = 60_000;

export interface LiveAuctionRow {
  auctionId: string;
  title: string;
  currency: string;
  state: Pick<AuctionLiveState, 'currentPrice' | 'bidCount' | 'endsAt' | 'status' | 'seq'>;
}

export interface LiveFeedState {
  auctions: Map<string, LiveAuctionRow>;
  /** Newest first. */
  bids: AdminBidEntry[];
  /** When each recent bid was received (ms), per auction, for bids per minute. */
  arrivals: Map<string, number[]>;
}

export const emptyFeed = (): LiveFeedState => ({ auctions: new Map(), bids: [], arrivals: new Map() });

/**
 * The panel's view of bidding, from the gateway's admin:activity events: each
 * auction's newest state (an event older than what is shown, by seq, is
 * dropped), the latest bids, and when bids arrived.
 */
export function applyActivity(feed: LiveFeedState, event: AdminActivityEvent, now: number): LiveFeedState {
  const auctions = new Map(feed.auctions);
  for (const state of event.states) {
    const row = auctions.get(state.auctionId);
    if (row && row.state.seq >= state.seq) continue;
    auctions.set(state.auctionId, {
      auctionId: state.auctionId,
      title: row?.title ?? state.auctionId,
      currency: row?.currency ?? 'USD',
      state,
    });
  }
  const arrivals = new Map(feed.arrivals);
  for (const bid of event.bids) arrivals.set(bid.auctionId, [...(arrivals.get(bid.auctionId) ?? []), now]);
  for (const [auctionId, times] of arrivals)
    arrivals.set(
      auctionId,
      times.filter((t) => now - t < RATE_WINDOW_MS),
    );
  const bids = [...event.bids].reverse().concat(feed.bids).slice(0, FEED_LENGTH);
  return { auctions, bids, arrivals };
}

/** An admin ended an auction now (its end moves to that moment) or withdrew it (it leaves the live list). */
export function applyAdminAction(feed: LiveFeedState, event: AuctionAdminActionEvent): LiveFeedState {
  const row = feed.auctions.get(event.auctionId);
  if (!row) return feed;
  const auctions = new Map(feed.auctions);
  if (event.action === 'withdrawn') auctions.delete(event.auctionId);
  else auctions.set(event.auctionId, { ...row, state: { ...row.state, endsAt: Math.min(row.state.endsAt, event.endsAt) } });
  return { ...feed, auctions };
}

/** Bids per minute on an auction (or all), over the last minute. */
export function bidsPerMinute(feed: LiveFeedState, now: number, auctionId?: string): number {
  const lists = auctionId ? [feed.arrivals.get(auctionId) ?? []] : [...feed.arrivals.values()];
  return lists.reduce((sum, times) => sum + times.filter((t) => now - t < RATE_WINDOW_MS).length, 0);
}

/** How many auctions the widget lists. */
export const WIDGET_ROWS = 10;

/**
 * The auctions the widget lists: live ones, those with the most bids in the
 * last minute first (where the bidding is), then the soonest to end.
 */
export function widgetRows(feed: LiveFeedState, now: number, limit = WIDGET_ROWS): LiveAuctionRow[] {
  const rate = (row: LiveAuctionRow) => bidsPerMinute(feed, now, row.auctionId);
  return [...feed.auctions.values()]
    .filter((row) => row.state.status === 'live' && row.state.endsAt > now)
    .sort((a, b) => rate(b) - rate(a) || a.state.endsAt - b.state.endsAt)
    .slice(0, limit);
}

/** The countdown as the bidding app shows it ("3d 4h", "5h 07m", "12:05"), or "ended". */
export function timeLeft(endsAt: number, now: number): string {
  return endsAt <= now ? 'ended' : formatDuration(endsAt - now);
}
