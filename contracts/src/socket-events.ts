import type { AuctionLiveState, BidOutcome, BidRejectionReason } from './auction-state';
import type { NotificationCreatedEvent } from './notifications';

/** Acks are `{ data }` or `{ error }` with a message safe to show. */
export type Ack<T> = { data: T } | { error: string };

export interface BidOutcomeEvent {
  bidId: string;
  auctionId: string;
  amount: number;
  outcome: BidOutcome;
  reason: BidRejectionReason | null;
  seq: number;
  /** The maximum this bid carried (its owner's own; no one else is sent it). */
  maxAmount: number | null;
  /** The auction's price once this bid was decided (after any automatic bid it caused). */
  currentPrice: number | null;
}

export interface OutbidEvent {
  auctionId: string;
  /** The price that beat you. */
  currentPrice: number;
  minimumNextBid: number;
  seq: number;
}

export interface BidNoticesEvent {
  outcomes: BidOutcomeEvent[];
  outbids: OutbidEvent[];
}

export interface AuctionClosedEvent {
  auctionId: string;
  status: 'sold' | 'unsold';
  finalPrice: number | null;
  leaderName: string | null;
  seq: number;
}

/** An admin's action on a running auction, as watchers are told it. */
export interface AuctionAdminActionEvent {
  auctionId: string;
  /** `ended`: ended now (it closes as sold or unsold within seconds); `withdrawn`: taken off sale, no result. */
  action: 'ended' | 'withdrawn';
  /** When the admin acted (epoch ms, the cms's clock). */
  at: number;
  /** The end in force now (epoch ms): `at` once ended, unchanged when withdrawn. */
  endsAt: number;
  /** Why it was withdrawn, as bidders see it; null when ended. */
  reason: string | null;
}

export interface ServerToClientEvents {
  /** To room auction:<id> on every change of the auction's state. */
  'auction:state': (state: AuctionLiveState) => void;
  /**
   * To room user:<id>: the decisions on your bids and the times you were
   * outbid, gathered per committed run of decisions (one publish per user per
   * run, not two per bid), each list in decision order.
   */
  'bid:notices': (event: BidNoticesEvent) => void;
  /** To room auction:<id> once, when the auction closes. */
  'auction:closed': (event: AuctionClosedEvent) => void;
  /**
   * To room auction:<id> and admin:live, from the cms, when an admin ends the
   * auction now or withdraws it (with the reason bidders are shown).
   */
  'auction:admin-action': (event: AuctionAdminActionEvent) => void;
  /**
   * To room admin:live (panel users only), once per committed run of decisions
   * that changed something: the latest bids and the auctions' new states.
   */
  'admin:activity': (event: AdminActivityEvent) => void;
  /** To room user:<id>, from the notifier, for each notification it makes for that user. */
  'notification:created': (event: NotificationCreatedEvent) => void;
}

/** A bid as the panel's live feed shows it: admins see who bid. */
export interface AdminBidEntry {
  bidId: string;
  auctionId: string;
  bidderId: number;
  bidderUsername: string;
  amount: number;
  outcome: 'accepted' | 'rejected';
  reason: string | null;
  /** The price after the decision (an automatic bid may have moved it). */
  currentPrice: number | null;
  placedAt: number;
}

export interface AdminActivityEvent {
  /** At most ADMIN_ACTIVITY_MAX_BIDS of the run's bids, newest last. */
  bids: AdminBidEntry[];
  /** How many bids the run decided (more than `bids` holds when it was long). */
  decided: number;
  /** The new state of each auction the run changed. */
  states: AuctionLiveState[];
}

/** The feed shows the latest bids; a long catch-up run sends only its last ones. */
export const ADMIN_ACTIVITY_MAX_BIDS = 50;
export const ADMIN_LIVE_ROOM = 'admin:live';

/** The answer to `auction:join`: the state now, and where the asking user stands. */
export interface AuctionJoined {
  state: AuctionLiveState;
  /** Whether the socket's user leads the auction now; null for a socket without a user. */
  viewerIsLeader: boolean | null;
  /** The leader's own maximum, sent only to the leader; null for everyone else. */
  viewerMaximum: number | null;
}

export interface ClientToServerEvents {
  'auction:join': (auctionId: string, ack: (result: Ack<AuctionJoined>) => void) => void;
  'auction:leave': (auctionId: string, ack?: (result: Ack<true>) => void) => void;
}

export const auctionRoom = (auctionId: string) => `auction:${auctionId}`;
export const userRoom = (userId: number) => `user:${userId}`;
