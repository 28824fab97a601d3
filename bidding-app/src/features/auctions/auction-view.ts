import type { AuctionLiveState, PublicAuction, ReserveStatus } from '@car-auction/contracts';
import type { AuctionPhase } from './auction-phase';

/** Under this much time left, an auction is "ending soon". */
export const ENDING_SOON_MS = 10 * 60 * 1000;

export interface AuctionView {
  auctionId: string;
  title: string;
  currency: PublicAuction['currency'];
  startsAt: number;
  endsAt: number;
  currentPrice: number | null;
  bidCount: number;
  leaderName: string | null;
  startingPrice: number;
  /**
   * The lowest bid that can lead now and the increment at the current price,
   * as the auction's increment table gave them (the engine stores both); never
   * computed here. Null while neither the live state nor REST has brought them.
   */
  minimumNextBid: number | null;
  increment: number | null;
  reserveStatus: ReserveStatus;
  phase: AuctionPhase;
  endingSoon: boolean;
  /** Why an admin withdrew it (phase `withdrawn`), as they wrote it; null otherwise. */
  withdrawReason: string | null;
  /** Ended by an admin before its end. */
  endedEarly: boolean;
}

/** The reserve as a live state tells it: whether there is one and whether it is met, never the price. */
export function liveReserveStatus(state: Pick<AuctionLiveState, 'hasReserve' | 'reserveMet'>): ReserveStatus {
  if (!state.hasReserve) return 'none';
  return state.reserveMet ? 'met' : 'not_met';
}

/**
 * One view of an auction from what the REST API said and the latest live
 * state from the gateway (newer whenever it exists), judged at `now` on the
 * server's clock.
 */
export function auctionView(auction: PublicAuction, live: AuctionLiveState | null, now: number): AuctionView {
  const endsAt = live?.endsAt ?? auction.closesAt ?? auction.endsAt;
  const startsAt = live?.startsAt ?? auction.startsAt;
  const currentPrice = live ? live.currentPrice : auction.currentPrice;
  const bidCount = live?.bidCount ?? auction.bidCount;
  const status = live?.status ?? auction.saleStatus;
  let phase: AuctionPhase;
  if (status === 'withdrawn' || auction.withdrawnAt !== null) phase = 'withdrawn';
  else if (status === 'sold' || status === 'unsold') phase = status;
  else if (now < startsAt) phase = 'upcoming';
  else if (now >= endsAt) phase = 'closing';
  else phase = 'live';
  const reserveStatus = live ? liveReserveStatus(live) : auction.reserveStatus;
  return {
    auctionId: auction.documentId,
    title: auction.title,
    currency: auction.currency,
    startsAt,
    endsAt,
    currentPrice,
    bidCount,
    leaderName: live ? live.leaderName : auction.leaderName,
    startingPrice: auction.startingPrice,
    minimumNextBid: live?.minimumNextBid ?? auction.minimumNextBid,
    increment: live?.increment ?? auction.increment,
    reserveStatus,
    phase,
    endingSoon: phase === 'live' && endsAt - now <= ENDING_SOON_MS,
    withdrawReason: phase === 'withdrawn' ? auction.withdrawReason : null,
    endedEarly: auction.endedEarlyAt !== null,
  };
}
