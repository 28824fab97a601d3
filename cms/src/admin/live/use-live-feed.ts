import * as React from 'react';
import { io, type Socket } from 'socket.io-client';
import { useAuth } from '@strapi/admin/strapi-admin';
import type { AdminActivityEvent, AuctionAdminActionEvent, ClientToServerEvents, ServerToClientEvents } from '@car-auction/contracts';
import { applyActivity, applyAdminAction, emptyFeed, type LiveAuctionRow, type LiveFeedState } from './live-feed';

interface PublicAuction {
  documentId: string;
  title: string;
  currency: string;
  currentPrice: number | string | null;
  bidCount: number;
  closesAt?: number | string | null;
  endsAt: number | string;
  saleStatus?: string;
}

export type FeedStatus = 'connecting' | 'live' | 'unavailable';

/** The live list merged into the feed: titles and currencies for known auctions, a row for new ones. */
function withLiveAuctions(current: LiveFeedState, live: PublicAuction[]): LiveFeedState {
  const auctions = new Map(current.auctions);
  for (const a of live) {
    const known = auctions.get(a.documentId);
    const row: LiveAuctionRow = known
      ? { ...known, title: a.title, currency: a.currency }
      : {
          auctionId: a.documentId,
          title: a.title,
          currency: a.currency,
          state: {
            currentPrice: a.currentPrice === null ? null : Number(a.currentPrice),
            bidCount: a.bidCount,
            endsAt: new Date(a.closesAt ?? a.endsAt).getTime(),
            status: 'live',
            seq: 0,
          },
        };
    auctions.set(a.documentId, row);
  }
  return { ...current, auctions };
}

/** The live auctions and the bids as they happen, over the gateway's admin room. */
export function useLiveFeed(): { feed: LiveFeedState; status: FeedStatus; now: number } {
  const token = useAuth('LiveFeed', (auth) => auth.token);
  const [feed, setFeed] = React.useState<LiveFeedState>(emptyFeed);
  const [status, setStatus] = React.useState<FeedStatus>('connecting');
  const [now, setNow] = React.useState(() => Date.now());

  React.useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  React.useEffect(() => {
    if (!token) return undefined;
    let socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    // Auctions whose title the feed has, or has asked the cms for: the live list holds the 100 closing
    // soonest, and a bid on any other brings its row with only its id until its title is read.
    const titled = new Set<string>();
    const loadTitle = async (auctionId: string) => {
      try {
        const res = await fetch(`/api/auctions/${auctionId}`);
        if (!res.ok) return;
        const one = (await res.json()) as { data: PublicAuction };
        if (!closed) setFeed((current) => withLiveAuctions(current, [one.data]));
      } catch {
        titled.delete(auctionId);
      }
    };
    // The auctions live now, from the cms; a failure is retried, and does not hold up the feed.
    const loadLive = async () => {
      try {
        const res = await fetch('/api/auctions/live');
        if (!res.ok) throw new Error(`live auctions: ${res.status}`);
        const live = (await res.json()) as { data: PublicAuction[] };
        for (const a of live.data ?? []) titled.add(a.documentId);
        if (!closed) setFeed((current) => withLiveAuctions(current, live.data ?? []));
      } catch {
        if (!closed) retry = setTimeout(() => void loadLive(), 5_000);
      }
    };
    void loadLive();
    fetch('/api/panel/config')
      .then((r) => r.json() as Promise<{ data: { realtimeUrl: string } }>)
      .then((config) => {
        if (closed) return;
        socket = io(config.data.realtimeUrl, { auth: { adminToken: token }, transports: ['websocket'] });
        socket.on('connect', () => setStatus('live'));
        socket.on('connect_error', () => setStatus('unavailable'));
        socket.on('disconnect', () => setStatus('connecting'));
        socket.on('admin:activity', (event: AdminActivityEvent) => {
          setFeed((current) => applyActivity(current, event, Date.now()));
          for (const { auctionId } of event.states) {
            if (titled.has(auctionId)) continue;
            titled.add(auctionId);
            void loadTitle(auctionId);
          }
        });
        socket.on('auction:admin-action', (event: AuctionAdminActionEvent) => setFeed((current) => applyAdminAction(current, event)));
      })
      .catch(() => setStatus('unavailable'));
    return () => {
      closed = true;
      clearTimeout(retry);
      socket?.close();
    };
  }, [token]);

  return { feed, status, now };
}
