import { useNotificationsFeed } from '../api/get-notifications';
import { unreadOf } from '../notifications-cache';

/** How many of the user's notifications are unread; null until known (or when it cannot be read). */
export function useUnreadCount(userId: number): number | null {
  return unreadOf(useNotificationsFeed(userId).data);
}
