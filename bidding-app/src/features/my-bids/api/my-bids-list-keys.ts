/**
 * React Query keys, the user's own. Named apart from the auctions feature's
 * myBidsStore (where the user stands, live, in the auctions open in this tab):
 * this is the notifier's record of every auction they bid on.
 */
export const myBidsListKeys = {
  all: ['my-bids-list'] as const,
  list: (userId: number) => ['my-bids-list', userId] as const,
};
