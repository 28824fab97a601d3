import { NavLink } from 'react-router-dom';
import { useUnreadCount } from '../hooks/use-unread-count';

const MAX_SHOWN = 99;

function BellIcon() {
  return (
    <svg className="bell__icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        fill="currentColor"
      />
    </svg>
  );
}

/** The header's bell: the unread count at a glance, and the way to the list. The name says the count; the badge only shows it. */
export function NotificationBell({ userId }: { userId: number }) {
  const unread = useUnreadCount(userId) ?? 0;
  return (
    <NavLink to="/notifications" className="bell" aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}>
      <BellIcon />
      {unread > 0 && (
        <span className="bell__count" aria-hidden="true" data-testid="unread-count">
          {unread > MAX_SHOWN ? `${MAX_SHOWN}+` : unread}
        </span>
      )}
    </NavLink>
  );
}
