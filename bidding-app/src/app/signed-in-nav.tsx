import { NavLink } from 'react-router-dom';
import { useSession } from '../features/auth/hooks/use-session';
import { NotificationBell } from '../features/notifications/components/notification-bell';

/** The logged-in user's own pages, beside the account corner: what they watch, their bids, the bell. */
export function SignedInNav() {
  const { session } = useSession();
  if (!session) return null;
  return (
    <nav aria-label="Your auctions" className="site-header__nav">
      <NavLink to="/watching">Watching</NavLink>
      <NavLink to="/my-bids">My bids</NavLink>
      <NotificationBell userId={session.user.id} />
    </nav>
  );
}
