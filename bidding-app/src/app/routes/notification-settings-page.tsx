import { Link } from 'react-router-dom';
import { useSession } from '../../features/auth/hooks/use-session';
import { EmailPreferencesForm } from '../../features/notifications/components/email-preferences-form';
import { SignInRedirect } from '../sign-in-redirect';

export function NotificationSettingsPage() {
  const { session } = useSession();
  if (!session) return <SignInRedirect />;
  return (
    <section aria-labelledby="notification-settings-heading" className="narrow-page">
      <p className="breadcrumb">
        <Link to="/notifications">← All notifications</Link>
      </p>
      <h1 id="notification-settings-heading">Notification settings</h1>
      <p className="note">
        In-app notifications always arrive: every one is counted on the bell and listed on your notifications page. Choose which ones are
        also emailed to you; each change is saved at once.
      </p>
      <EmailPreferencesForm userId={session.user.id} />
    </section>
  );
}
