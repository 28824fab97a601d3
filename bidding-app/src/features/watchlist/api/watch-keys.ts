/**
 * React Query keys. Whether one watches depends on who asks, so both keys
 * name the user (null: asked without a token, which says only how many watch).
 */
export const watchKeys = {
  all: ['watch'] as const,
  list: (userId: number | null) => ['watch', 'list', userId] as const,
  watchers: (auctionId: string, userId: number | null) => ['watch', 'watchers', auctionId, userId] as const,
};
