import type { AuctionListFilter } from '../auction-phase';

/** React Query keys: lists and details are patched in place by live updates. */
export const auctionKeys = {
  all: ['auctions'] as const,
  lists: () => ['auctions', 'list'] as const,
  list: (filter: AuctionListFilter) => ['auctions', 'list', filter] as const,
  detail: (auctionId: string) => ['auctions', 'detail', auctionId] as const,
  live: (auctionId: string) => ['auctions', 'live', auctionId] as const,
  history: (auctionId: string) => ['auctions', 'history', auctionId] as const,
};
