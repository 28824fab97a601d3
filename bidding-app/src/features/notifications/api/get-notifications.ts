import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import type { NotificationsPage } from '@car-auction/contracts';
import { apiRequest } from '../../../lib/api-client';
import { notificationKeys } from './notification-keys';
import { notificationsPageSchema } from '@car-auction/contracts';

export const NOTIFICATIONS_PAGE_SIZE = 20;

/** The pages loaded so far, the newest first; each older page was asked for with the one before's `next`. */
export type NotificationsFeed = InfiniteData<NotificationsPage>;

/** One page of the user's notifications, newest first, older than `before` when given. */
export async function getNotifications(before: string | null, signal?: AbortSignal): Promise<NotificationsPage> {
  const older = before === null ? '' : `&before=${encodeURIComponent(before)}`;
  return apiRequest(`/api/notifications?limit=${NOTIFICATIONS_PAGE_SIZE}${older}`, {
    service: 'notifier',
    auth: 'user',
    schema: notificationsPageSchema,
    signal,
  });
}

/** The list and the unread count in one query: the bell and the page share it, so opening the page shows it at once. */
export const useNotificationsFeed = (userId: number) =>
  useInfiniteQuery({
    queryKey: notificationKeys.feed(userId),
    queryFn: ({ pageParam, signal }) => getNotifications(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
  });
