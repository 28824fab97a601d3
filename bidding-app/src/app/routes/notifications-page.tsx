import { Link } from 'react-router-dom';
import { useSession } from '../../features/auth/hooks/use-session';
import { NotificationList } from '../../features/notifications/components/notification-list';
import { SignInRedirect } from '../sign-in-redirect';

export function NotificationsPage() {
  const { session } = useSession();
  if (!session) return <SignInRedirect />;
  return (
    <section aria-labelledby="notifications-heading" className="narrow-page">
      <div className="page-header">
        <h1 id="notifications-heading">Notifications</h1>
        <Link to="/notifications/settings">Notification settings</Link>
      </div>
      <NotificationList userId={session.user.id} />
    </section>
  );
}
