import { QueryClient } from '@tanstack/react-query';
import type { NotificationsFeed } from '../src/features/notifications/api/get-notifications';
import { notificationKeys } from '../src/features/notifications/api/notification-keys';
import { applyCreated, applyRead, setUnread, unreadOf } from '../src/features/notifications/notifications-cache';
import { notificationToast } from '../src/features/notifications/notification-toast';
import { notificationsPage, notificationView } from './support/fixtures';

const USER = 7;
let client: QueryClient;
const feed = () => client.getQueryData<NotificationsFeed>(notificationKeys.feed(USER))!;
const ids = () => feed().pages.flatMap((p) => p.data.map((n) => n.id));

beforeEach(() => {
  client = new QueryClient();
  client.setQueryData<NotificationsFeed>(notificationKeys.feed(USER), {
    pages: [
      notificationsPage([notificationView({ id: 'n3' }), notificationView({ id: 'n2', read: true })], { unread: 2, next: 'cursor' }),
      notificationsPage([notificationView({ id: 'n1' })], { unread: 2 }),
    ],
    pageParams: [null, 'cursor'],
  });
});
afterEach(() => client.clear());

test('a pushed notification goes first, with the count the notifier sent', () => {
  const added = applyCreated(client, USER, { notification: notificationView({ id: 'n4', kind: 'outbid' }), unread: 3 });
  expect(added).toBe(true);
  expect(ids()).toEqual(['n4', 'n3', 'n2', 'n1']);
  expect(unreadOf(feed())).toBe(3);
  expect(feed().pages.map((p) => p.unread)).toEqual([3, 3]);
  // The cursor for older pages is untouched.
  expect(feed().pages[0]!.next).toBe('cursor');
});

test('a replayed push changes nothing, not even the count', () => {
  applyCreated(client, USER, { notification: notificationView({ id: 'n4' }), unread: 3 });
  applyRead(client, USER, { all: true });
  expect(applyCreated(client, USER, { notification: notificationView({ id: 'n4' }), unread: 3 })).toBe(false);
  expect(ids()).toEqual(['n4', 'n3', 'n2', 'n1']);
  expect(unreadOf(feed())).toBe(0);
});

test("before the list is fetched there is nothing to patch, and another user's list is not touched", () => {
  expect(applyCreated(client, 8, { notification: notificationView({ id: 'n9' }), unread: 1 })).toBe(false);
  expect(client.getQueryData(notificationKeys.feed(8))).toBeUndefined();
  expect(ids()).toEqual(['n3', 'n2', 'n1']);
});

test('marking some read lowers the count by as many as were unread; the answer then sets it', () => {
  applyRead(client, USER, { ids: ['n2', 'n3'] });
  expect(feed().pages[0]!.data.map((n) => n.read)).toEqual([true, true]);
  expect(unreadOf(feed())).toBe(1);
  setUnread(client, USER, 4);
  expect(unreadOf(feed())).toBe(4);
});

test('marking all read reads every page and zeroes the count', () => {
  applyRead(client, USER, { all: true });
  expect(feed().pages.flatMap((p) => p.data.map((n) => n.read))).toEqual([true, true, true]);
  expect(unreadOf(feed())).toBe(0);
});

test('outbid and leading are not toasted (the tab toasts them from bid:notices); the others are, with their text', () => {
  expect(notificationToast(notificationView({ kind: 'outbid' }))).toBeNull();
  expect(notificationToast(notificationView({ kind: 'leading' }))).toBeNull();
  expect(notificationToast(notificationView({ kind: 'won', text: 'You won 1991 Honda NSX for $70,000.00.' }))).toEqual({
    tone: 'success',
    title: 'You won 1991 Honda NSX for $70,000.00.',
    link: { to: '/auctions/auction1', label: 'Open the auction' },
  });
});
