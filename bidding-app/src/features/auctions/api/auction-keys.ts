export type AuctionPhase = 'live' | 'upcoming' | 'ended';

/** React Query keys: lists and details are patched in place by live updates. */
export const auctionKeys = {
  all: ['auctions'] as const,
  lists: () => ['auctions', 'list'] as const,
  list: (phase: AuctionPhase) => ['auctions', 'list', phase] as const,
  detail: (auctionId: string) => ['auctions', 'detail', auctionId] as const,
  live: (auctionId: string) => ['auctions', 'live', auctionId] as const,
  history: (auctionId: string) => ['auctions', 'history', auctionId] as const,
};
