import type { QueryClient } from '@tanstack/react-query';
import type { AuctionAdminActionEvent, AuctionClosedEvent, AuctionLiveState, PublicAuction } from '@car-auction/contracts';
import { auctionKeys } from './api/auction-keys';
import { liveReserveStatus } from './auction-view';

const HISTORY_REFETCH_DELAY_MS = 250;
const historyTimers = new Map<string, ReturnType<typeof setTimeout>>();

function patchAuction(auction: PublicAuction, state: AuctionLiveState): PublicAuction {
  return {
    ...auction,
    currentPrice: state.currentPrice,
    bidCount: state.bidCount,
    leaderName: state.leaderName,
    startsAt: state.startsAt,
    closesAt: state.endsAt,
    saleStatus: state.status,
    reserveStatus: liveReserveStatus(state),
    minimumNextBid: state.minimumNextBid,
    increment: state.increment,
  };
}

function patchEverywhere(queryClient: QueryClient, auctionId: string, patch: (a: PublicAuction) => PublicAuction) {
  queryClient.setQueryData<PublicAuction>(auctionKeys.detail(auctionId), (a) => (a ? patch(a) : a));
  queryClient.setQueriesData<PublicAuction[]>({ queryKey: auctionKeys.lists() }, (list) =>
    list?.map((a) => (a.documentId === auctionId ? patch(a) : a)),
  );
}

/** A burst of bids refetches the bid history once, shortly after it settles. */
function refreshHistorySoon(queryClient: QueryClient, auctionId: string) {
  if (historyTimers.has(auctionId)) return;
  historyTimers.set(
    auctionId,
    setTimeout(() => {
      historyTimers.delete(auctionId);
      void queryClient.invalidateQueries({ queryKey: auctionKeys.history(auctionId) });
    }, HISTORY_REFETCH_DELAY_MS),
  );
}

/**
 * Applies a live state to the cache: the live entry, the auction's detail and
 * every list holding it. A state whose seq is not newer than the one applied is
 * dropped, so a late or replayed event never moves a price backwards.
 * Returns whether it was applied.
 */
export function applyLiveState(queryClient: QueryClient, state: AuctionLiveState): boolean {
  const previous = queryClient.getQueryData<AuctionLiveState>(auctionKeys.live(state.auctionId));
  if (previous && state.seq <= previous.seq) return false;
  queryClient.setQueryData(auctionKeys.live(state.auctionId), state);
  patchEverywhere(queryClient, state.auctionId, (a) => patchAuction(a, state));
  if (!previous || previous.bidCount !== state.bidCount) refreshHistorySoon(queryClient, state.auctionId);
  return true;
}

/** The close is final whatever its seq: the result replaces the running status. */
export function applyClosed(queryClient: QueryClient, event: AuctionClosedEvent): void {
  queryClient.setQueryData<AuctionLiveState>(auctionKeys.live(event.auctionId), (s) =>
    s ? { ...s, status: event.status, seq: Math.max(s.seq, event.seq), currentPrice: event.finalPrice ?? s.currentPrice } : s,
  );
  patchEverywhere(queryClient, event.auctionId, (a) => ({ ...a, saleStatus: event.status }));
}

/**
 * An admin ended the auction now or withdrew it: the end moves to that moment,
 * or the auction turns withdrawn with its reason. Not a state of the engine (it
 * has no seq): the live entry keeps its seq, and the engine's next state agrees.
 */
export function applyAdminAction(queryClient: QueryClient, event: AuctionAdminActionEvent): void {
  const withdrawn = event.action === 'withdrawn';
  queryClient.setQueryData<AuctionLiveState>(auctionKeys.live(event.auctionId), (s) =>
    s ? { ...s, endsAt: Math.min(s.endsAt, event.endsAt), status: withdrawn ? 'withdrawn' : s.status } : s,
  );
  patchEverywhere(queryClient, event.auctionId, (a) =>
    withdrawn
      ? { ...a, saleStatus: 'withdrawn', withdrawnAt: event.at, withdrawReason: event.reason }
      : { ...a, endedEarlyAt: event.at, closesAt: Math.min(a.closesAt ?? a.endsAt, event.endsAt) },
  );
}
