/**
 * React Query keys. Each user's own: logging in as someone else must never
 * show the previous user's notifications from the cache.
 */
export const notificationKeys = {
  all: ['notifications'] as const,
  user: (userId: number) => ['notifications', userId] as const,
  /** The pages of the list, newest first; the bell reads its unread count from them too. */
  feed: (userId: number) => ['notifications', userId, 'feed'] as const,
  preferences: (userId: number) => ['notifications', userId, 'preferences'] as const,
};
