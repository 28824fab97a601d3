import { useCallback, useSyncExternalStore } from 'react';
import { myBidsStore, type MyAuctionStanding } from '../my-bids-store';

export function useMyStanding(auctionId: string): MyAuctionStanding {
  const get = useCallback(() => myBidsStore.get(auctionId), [auctionId]);
  return useSyncExternalStore(myBidsStore.subscribe, get, get);
}
