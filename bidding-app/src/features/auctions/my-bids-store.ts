import type { AuctionJoined, BidOutcomeEvent, BidRejectionReason, OutbidEvent } from '@car-auction/contracts';
import { sessionStore } from '../../lib/session-store';

export interface MyAuctionStanding {
  /** Bids sent and accepted for processing (202) but not yet decided. */
  pendingBidIds: string[];
  /** Whether the user has bid on this auction at all (kept across reloads). */
  hasBid: boolean;
  /** True when leading, false when outbid, null when not known. */
  leading: boolean | null;
  /**
   * Whether `leading` was learned in this session (a join answer or a decision),
   * not just remembered from an earlier one: only then is the leader's form shown.
   */
  leadingConfirmed: boolean;
  /**
   * The user's own maximum while they lead (null after a plain bid): from the
   * join answer, the decision on their bid, or what they sent. Secret to them,
   * so it is kept in memory only, never stored.
   */
  maximum: number | null;
  lastRejection: { amount: number; reason: BidRejectionReason | null } | null;
}

const EMPTY: MyAuctionStanding = {
  pendingBidIds: [],
  hasBid: false,
  leading: null,
  leadingConfirmed: false,
  maximum: null,
  lastRejection: null,
};
type Stored = Record<string, { hasBid: boolean; leading: boolean | null }>;

const storageKey = (userId: number) => `car-auction.my-bids.${userId}`;
let userId: number | null = null;
let standings = new Map<string, MyAuctionStanding>();
const listeners = new Set<() => void>();
/** The maximum each bid of this session was sent with, until it is decided. */
const sentMaximums = new Map<string, number>();
/**
 * Bids decided already: the decision can come over the socket before the
 * 202 reaches this page, and such a bid must not then wait as pending forever.
 */
const decidedBidIds = new Set<string>();
const DECIDED_MEMORY = 500;
function noteDecided(bidId: string) {
  decidedBidIds.add(bidId);
  if (decidedBidIds.size > DECIDED_MEMORY) decidedBidIds.delete(decidedBidIds.values().next().value as string);
}

function load(forUser: number | null) {
  userId = forUser;
  standings = new Map();
  sentMaximums.clear();
  decidedBidIds.clear();
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
  notePlaced(bid: { bidId: string; auctionId: string; maxAmount?: number }) {
    const decided = decidedBidIds.has(bid.bidId);
    if (bid.maxAmount !== undefined && !decided) sentMaximums.set(bid.bidId, bid.maxAmount);
    update(bid.auctionId, (s) => ({ ...s, hasBid: true, pendingBidIds: decided ? s.pendingBidIds : [...s.pendingBidIds, bid.bidId] }));
  },
  noteOutcome(event: BidOutcomeEvent) {
    const sent = sentMaximums.get(event.bidId);
    sentMaximums.delete(event.bidId);
    noteDecided(event.bidId);
    update(event.auctionId, (s) => {
      const pendingBidIds = s.pendingBidIds.filter((id) => id !== event.bidId);
      if (event.outcome === 'accepted') {
        // Accepted: the user leads (or, leading already, changed their maximum to this one).
        return {
          ...s,
          hasBid: true,
          pendingBidIds,
          leading: true,
          leadingConfirmed: true,
          maximum: event.maxAmount ?? sent ?? null,
          lastRejection: null,
        };
      }
      const lastRejection = { amount: event.amount, reason: event.reason };
      // An earlier maximum answered this bid at once: someone else leads.
      if (event.reason === 'outbid_by_maximum') {
        return { ...s, hasBid: true, pendingBidIds, leading: false, leadingConfirmed: true, maximum: null, lastRejection };
      }
      return { ...s, hasBid: true, pendingBidIds, lastRejection };
    });
  },
  noteOutbid(event: OutbidEvent) {
    update(event.auctionId, (s) => ({ ...s, hasBid: true, leading: false, leadingConfirmed: true, maximum: null }));
  },
  noteJoined(auctionId: string, { viewerIsLeader, viewerMaximum }: Omit<AuctionJoined, 'state'>) {
    if (viewerIsLeader === null) return;
    const s = standings.get(auctionId) ?? EMPTY;
    if (!viewerIsLeader && !s.hasBid) return;
    update(auctionId, (cur) => ({
      ...cur,
      hasBid: cur.hasBid || viewerIsLeader,
      leading: viewerIsLeader,
      leadingConfirmed: true,
      maximum: viewerIsLeader ? (viewerMaximum ?? cur.maximum) : null,
    }));
  },
};
