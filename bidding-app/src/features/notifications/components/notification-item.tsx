import type { NotificationView } from '@car-auction/contracts';
import { Link } from 'react-router-dom';
import { TimeAgo } from '../../../components/time-ago';

/** One notification: its line, a link to its auction (opening it marks it read) and when it happened. */
export function NotificationItem({ notification, now, onOpen }: { notification: NotificationView; now: number; onOpen(): void }) {
  const { read } = notification;
  return (
    <li className={read ? 'notification' : 'notification notification--unread'} data-testid="notification" data-read={read}>
      {/* Words, not only the tint: screen readers say it before the line. */}
      {!read && <span className="badge badge--unread">Unread</span>}
      <Link to={`/auctions/${notification.auctionId}`} className="notification__text" onClick={onOpen}>
        {notification.text}
      </Link>
      <span className="notification__time">
        <TimeAgo at={notification.at} now={now} />
      </span>
    </li>
  );
}
