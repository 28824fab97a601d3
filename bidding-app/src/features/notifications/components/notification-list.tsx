import { ErrorState } from '../../../components/error-state';
import { messageOf } from '../../../lib/api-client';
import { useServerNow } from '../../../lib/use-server-now';
import { useNotificationsFeed } from '../api/get-notifications';
import { useMarkRead } from '../hooks/use-mark-read';
import { unreadOf } from '../notifications-cache';
import { NotificationItem } from './notification-item';

/** "5 minutes ago" need not tick by the second. */
const CLOCK_EVERY_MS = 30_000;

/** The user's notifications, newest first, with marking read and the older pages. */
export function NotificationList({ userId }: { userId: number }) {
  const feed = useNotificationsFeed(userId);
  const markRead = useMarkRead(userId);
  const now = useServerNow(CLOCK_EVERY_MS);

  if (feed.isPending) return <p role="status">Loading notifications…</p>;
  // A failed older page keeps what is shown (and says so below); only a list never read is an error state.
  if (!feed.data) return <ErrorState error={feed.error} onRetry={() => void feed.refetch()} />;

  const notifications = feed.data.pages.flatMap((page) => page.data);
  const unread = unreadOf(feed.data) ?? 0;
  return (
    <>
      <div className="page-actions">
        <p className="page-actions__summary">{unread === 0 ? 'All read' : `${unread} unread`}</p>
        <button
          type="button"
          className="button"
          disabled={unread === 0 || markRead.isPending}
          onClick={() => markRead.mutate({ all: true })}
        >
          Mark all as read
        </button>
      </div>
      {notifications.length === 0 ? (
        <p className="empty">
          No notifications yet. You are told here when you are outbid, when an auction you bid on or watch is ending soon, and when it ends.
        </p>
      ) : (
        <ol className="notification-list">
          {notifications.map((n) => (
            <NotificationItem key={n.id} notification={n} now={now} onOpen={() => !n.read && markRead.mutate({ ids: [n.id] })} />
          ))}
        </ol>
      )}
      {feed.isFetchNextPageError && (
        <p className="form-error" role="alert">
          {messageOf(feed.error)}
        </p>
      )}
      {feed.hasNextPage && (
        <button type="button" className="button load-older" disabled={feed.isFetchingNextPage} onClick={() => void feed.fetchNextPage()}>
          {feed.isFetchingNextPage ? 'Loading…' : 'Load older'}
        </button>
      )}
    </>
  );
}
