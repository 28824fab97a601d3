import {
  ADMIN_ACTIVITY_MAX_BIDS,
  ADMIN_LIVE_ROOM,
  auctionRoom,
  userRoom,
  type AdminBidEntry,
  type AuctionClosedEvent,
  type AuctionLiveState,
  type BidNoticesEvent,
  type ServerToClientEvents,
} from '@car-auction/contracts';
import type { AuctionSnapshot } from '../auction-state/read-state';
import type { Decision } from '../processing/decide-batch';

/** The part of a Socket.IO server (or a Redis emitter) the worker emits through. */
export interface RoomEmitter {
  to(room: string): { emit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): unknown };
}

/**
 * Past this age a bid's own notices (its outcome, the outbid it causes) are not
 * sent: they come from a catch-up after downtime, each one a Redis publish for
 * nobody's benefit, and a returning page learns where its user stands from the
 * join (viewerIsLeader) and the auction's latest state, which is always sent.
 */
export const NOTICE_MAX_AGE_MS = 60_000;

/**
 * Events for one committed run of decisions: each bidder's notices (outcomes of
 * their bids, outbids they suffered) as one event per user, and each changed
 * auction's latest state. Every emit is a publish through the Redis adapter,
 * so a run of 1,000 bids costs one publish per bidder involved, not two per bid.
 */
export function publishDecisions(emitter: RoomEmitter, decisions: Decision[], snapshots: Map<string, AuctionSnapshot>, now = Date.now()) {
  const notices = new Map<number, BidNoticesEvent>();
  const noticesFor = (userId: number) => {
    let entry = notices.get(userId);
    if (!entry) notices.set(userId, (entry = { outcomes: [], outbids: [] }));
    return entry;
  };
  for (const { bid, decided } of decisions) {
    if (decided.outcome === 'stale' || now - bid.placedAt > NOTICE_MAX_AGE_MS) continue;
    noticesFor(bid.bidderId).outcomes.push({
      bidId: bid.bidId,
      auctionId: bid.auctionId,
      amount: bid.amount,
      outcome: decided.outcome,
      reason: decided.reason,
      seq: decided.seq,
      // The bidder's own maximum goes only to the bidder's room: as decided (a retry under the
      // same Idempotency-Key with another maximum gets the first one's decision).
      maxAmount: decided.maxAmount ?? null,
      currentPrice: decided.currentPrice,
    });
    if (decided.previousLeaderId !== null && decided.previousLeaderId !== decided.leaderId) {
      noticesFor(decided.previousLeaderId).outbids.push({
        auctionId: bid.auctionId,
        currentPrice: decided.currentPrice ?? bid.amount,
        minimumNextBid: decided.minimumNextBid,
        seq: decided.seq,
      });
    }
  }
  for (const [userId, event] of notices) emitter.to(userRoom(userId)).emit('bid:notices', event);
  // One state event per changed auction per run: the newest, already committed.
  const states: AuctionLiveState[] = [];
  for (const auctionId of changedAuctions(decisions)) {
    const snapshot = snapshots.get(auctionId);
    if (snapshot) {
      emitter.to(auctionRoom(auctionId)).emit('auction:state', snapshot.live);
      states.push(snapshot.live);
    }
  }
  publishAdminActivity(emitter, decisions, states);
}

/**
 * The panel's live feed: one event per run that changed an auction, to the
 * admin room (one more publish per run, whatever its length), with the run's
 * latest bids, bidder names unmasked.
 */
function publishAdminActivity(emitter: RoomEmitter, decisions: Decision[], states: AuctionLiveState[]) {
  if (states.length === 0) return;
  const bids: AdminBidEntry[] = [];
  for (const { bid, decided } of decisions.slice(-ADMIN_ACTIVITY_MAX_BIDS)) {
    if (decided.outcome === 'stale') continue;
    bids.push({
      bidId: bid.bidId,
      auctionId: bid.auctionId,
      bidderId: bid.bidderId,
      bidderUsername: bid.bidderUsername,
      amount: bid.amount,
      outcome: decided.outcome,
      reason: decided.reason,
      currentPrice: decided.currentPrice,
      placedAt: bid.placedAt,
    });
  }
  emitter.to(ADMIN_LIVE_ROOM).emit('admin:activity', { bids, decided: decisions.length, states });
}

export function publishClosed(emitter: RoomEmitter, event: AuctionClosedEvent, snapshot: AuctionSnapshot | undefined) {
  if (snapshot) emitter.to(auctionRoom(event.auctionId)).emit('auction:state', snapshot.live);
  emitter.to(auctionRoom(event.auctionId)).emit('auction:closed', event);
}

export function changedAuctions(decisions: Decision[]): string[] {
  // `changed`, not `accepted`: a bid the leader's maximum answered was refused but moved the price.
  return [...new Set(decisions.filter((d) => d.decided.changed ?? d.decided.outcome === 'accepted').map((d) => d.bid.auctionId))];
}
