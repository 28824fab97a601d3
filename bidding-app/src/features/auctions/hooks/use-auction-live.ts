import { useEffect, useState } from 'react';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuctionLiveState } from '@car-auction/contracts';
import { watchAuction } from '../../../lib/auction-rooms';
import { auctionKeys } from '../api/auction-keys';
import { applyAdminAction, applyClosed, applyLiveState } from '../live-cache';
import { myBidsStore } from '../my-bids-store';

export interface AuctionLive {
  /** The latest state from the gateway; null until the room is joined. */
  state: AuctionLiveState | null;
  /** Why live updates are not flowing, if they are not. */
  error: string | null;
}

/**
 * Watches an auction live: joins its room, applies every newer state to the
 * cached auction (detail and lists), and after a lost connection rejoins and
 * refetches what REST served.
 */
export function useAuctionLive(auctionId: string | undefined): AuctionLive {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!auctionId) return;
    return watchAuction(auctionId, {
      onState(state, viewer) {
        setError(null);
        if (viewer) myBidsStore.noteJoined(auctionId, viewer);
        applyLiveState(queryClient, state);
      },
      onClosed: (event) => applyClosed(queryClient, event),
      onAdminAction: (event) => applyAdminAction(queryClient, event),
      onError: setError,
      onResync() {
        void queryClient.invalidateQueries({ queryKey: auctionKeys.detail(auctionId) });
        void queryClient.invalidateQueries({ queryKey: auctionKeys.history(auctionId) });
      },
    });
  }, [auctionId, queryClient]);

  const { data } = useQuery<AuctionLiveState>({
    queryKey: auctionKeys.live(auctionId ?? ''),
    queryFn: skipToken,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return { state: data ?? null, error };
}
