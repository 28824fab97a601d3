import type { QueryClient } from '@tanstack/react-query';
import type { NotificationCreatedEvent } from '@car-auction/contracts';
import type { NotificationsFeed } from './api/get-notifications';
import type { ReadTarget } from './api/mark-notifications-read';
import { notificationKeys } from './api/notification-keys';

/**
 * Every page carries the count as it was when fetched; the cache keeps them
 * all equal so whichever page is read says the same.
 */
const withUnread = (feed: NotificationsFeed, unread: number): NotificationsFeed => ({
  ...feed,
  pages: feed.pages.map((page) => ({ ...page, unread })),
});

/** The unread count the bell shows; null until the list has been fetched. */
export const unreadOf = (feed: NotificationsFeed | undefined): number | null => feed?.pages.at(-1)?.unread ?? null;

/**
 * A notification pushed live: put first in the list, with the count the
 * notifier sent. A replay (delivery is at-least-once) changes nothing, not
 * even the count, which may be older than what the user has read since.
 * Before the list is fetched there is nothing to patch: the fetch brings it.
 * Returns whether it was new to the list.
 */
export function applyCreated(queryClient: QueryClient, userId: number, { notification, unread }: NotificationCreatedEvent): boolean {
  let added = false;
  queryClient.setQueryData<NotificationsFeed>(notificationKeys.feed(userId), (feed) => {
    if (!feed || feed.pages.some((page) => page.data.some((n) => n.id === notification.id))) return feed;
    added = true;
    const [newest, ...older] = feed.pages;
    const pages = newest ? [{ ...newest, data: [notification, ...newest.data] }, ...older] : feed.pages;
    return withUnread({ ...feed, pages }, unread);
  });
  return added;
}

/** Marks them read here at once, the count lowered by as many as were unread; the notifier's answer then sets the count. */
export function applyRead(queryClient: QueryClient, userId: number, target: ReadTarget): void {
  queryClient.setQueryData<NotificationsFeed>(notificationKeys.feed(userId), (feed) => {
    if (!feed) return feed;
    const chosen = 'all' in target ? () => true : (id: string) => target.ids.includes(id);
    let newlyRead = 0;
    const pages = feed.pages.map((page) => ({
      ...page,
      data: page.data.map((n) => {
        if (n.read || !chosen(n.id)) return n;
        newlyRead += 1;
        return { ...n, read: true };
      }),
    }));
    const before = unreadOf(feed) ?? 0;
    return withUnread({ ...feed, pages }, 'all' in target ? 0 : Math.max(0, before - newlyRead));
  });
}

/** The count as the notifier gave it. */
export function setUnread(queryClient: QueryClient, userId: number, unread: number): void {
  queryClient.setQueryData<NotificationsFeed>(notificationKeys.feed(userId), (feed) => (feed ? withUnread(feed, unread) : feed));
}
