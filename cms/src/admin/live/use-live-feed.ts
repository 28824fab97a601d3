import * as React from 'react';
import { io, type Socket } from 'socket.io-client';
import { useAuth } from '@strapi/admin/strapi-admin';
import type { AdminActivityEvent, ClientToServerEvents, ServerToClientEvents } from '@car-auction/contracts';
import { applyActivity, emptyFeed, type LiveAuctionRow, type LiveFeedState } from './live-feed';

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
    (async () => {
      const [config, live] = await Promise.all([
        fetch('/api/panel/config').then((r) => r.json() as Promise<{ data: { realtimeUrl: string } }>),
        fetch('/api/auctions/live').then((r) => r.json() as Promise<{ data: PublicAuction[] }>),
      ]);
      if (closed) return;
      setFeed((current) => {
        const auctions = new Map(current.auctions);
        for (const a of live.data ?? []) {
          const row: LiveAuctionRow = {
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
          const known = auctions.get(a.documentId);
          auctions.set(a.documentId, known ? { ...known, title: a.title, currency: a.currency } : row);
        }
        return { ...current, auctions };
      });
      socket = io(config.data.realtimeUrl, { auth: { adminToken: token }, transports: ['websocket'] });
      socket.on('connect', () => setStatus('live'));
      socket.on('connect_error', () => setStatus('unavailable'));
      socket.on('disconnect', () => setStatus('connecting'));
      socket.on('admin:activity', (event: AdminActivityEvent) => setFeed((current) => applyActivity(current, event, Date.now())));
    })().catch(() => setStatus('unavailable'));
    return () => {
      closed = true;
      socket?.close();
    };
  }, [token]);

  return { feed, status, now };
}
