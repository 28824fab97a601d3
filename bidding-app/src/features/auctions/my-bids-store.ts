import type { BidOutcomeEvent, BidRejectionReason, OutbidEvent } from '@car-auction/contracts';
import { sessionStore } from '../../lib/session-store';

export interface MyAuctionStanding {
  /** Bids sent and accepted for processing (202) but not yet decided. */
  pendingBidIds: string[];
  /** Whether the user has bid on this auction at all (kept across reloads). */
  hasBid: boolean;
  /** True when leading, false when outbid, null when not known. */
  leading: boolean | null;
  lastRejection: { amount: number; reason: BidRejectionReason | null } | null;
}

const EMPTY: MyAuctionStanding = { pendingBidIds: [], hasBid: false, leading: null, lastRejection: null };
type Stored = Record<string, { hasBid: boolean; leading: boolean | null }>;

const storageKey = (userId: number) => `car-auction.my-bids.${userId}`;
let userId: number | null = null;
let standings = new Map<string, MyAuctionStanding>();
const listeners = new Set<() => void>();

function load(forUser: number | null) {
  userId = forUser;
  standings = new Map();
  if (forUser === null) return;
  try {
    const stored = JSON.parse(globalThis.localStorage?.getItem(storageKey(forUser)) ?? '{}') as Stored;
    for (const [auctionId, s] of Object.entries(stored)) {
      if (typeof s?.hasBid === 'boolean') standings.set(auctionId, { ...EMPTY, hasBid: s.hasBid, leading: s.leading ?? null });
    }
  } catch {
    // A damaged entry only costs the "you bid here" memory.
  }
}

function save() {
  if (userId === null) return;
  const stored: Stored = {};
  for (const [auctionId, s] of standings) if (s.hasBid) stored[auctionId] = { hasBid: true, leading: s.leading };
  try {
    globalThis.localStorage?.setItem(storageKey(userId), JSON.stringify(stored));
  } catch {
    // Best effort, as above.
  }
}

function update(auctionId: string, change: (s: MyAuctionStanding) => MyAuctionStanding) {
  standings.set(auctionId, change(standings.get(auctionId) ?? EMPTY));
  save();
  for (const listener of listeners) listener();
}

load(sessionStore.get().session?.user.id ?? null);
sessionStore.subscribe(() => {
  const next = sessionStore.get().session?.user.id ?? null;
  if (next !== userId) {
    load(next);
    for (const listener of listeners) listener();
  }
});

/**
 * Where the logged-in user stands in each auction, from their own bids and the
 * events of their user room. The gateway also says, on every join, whether the
 * user leads, which corrects anything missed while disconnected.
 */
export const myBidsStore = {
  get: (auctionId: string): MyAuctionStanding => standings.get(auctionId) ?? EMPTY,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  notePlaced(bid: { bidId: string; auctionId: string }) {
    update(bid.auctionId, (s) => ({ ...s, hasBid: true, pendingBidIds: [...s.pendingBidIds, bid.bidId] }));
  },
  noteOutcome(event: BidOutcomeEvent) {
    update(event.auctionId, (s) => ({
      ...s,
      hasBid: true,
      pendingBidIds: s.pendingBidIds.filter((id) => id !== event.bidId),
      leading: event.outcome === 'accepted' ? true : s.leading,
      lastRejection: event.outcome === 'rejected' ? { amount: event.amount, reason: event.reason } : null,
    }));
  },
  noteOutbid(event: OutbidEvent) {
    update(event.auctionId, (s) => ({ ...s, hasBid: true, leading: false }));
  },
  noteJoined(auctionId: string, viewerIsLeader: boolean | null) {
    if (viewerIsLeader === null) return;
    const s = standings.get(auctionId) ?? EMPTY;
    if (!viewerIsLeader && !s.hasBid) return;
    update(auctionId, (cur) => ({ ...cur, hasBid: cur.hasBid || viewerIsLeader, leading: viewerIsLeader }));
  },
};
