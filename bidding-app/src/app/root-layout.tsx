import { Layout } from '../components/layout';
import { ToastProvider } from '../components/toast-provider';
import { AccountNav } from '../features/auth/components/account-nav';
import { useSession } from '../features/auth/hooks/use-session';
import { useMyBidEvents } from '../features/auctions/hooks/use-my-bid-events';
import { useNotificationEvents } from '../features/notifications/hooks/use-notification-events';
import { SignedInNav } from './signed-in-nav';

/** Inside the toasts, so the notices on the user's bids and their notifications can be shown on any page. */
function FrameWithBidNotices() {
  const { session } = useSession();
  useMyBidEvents();
  useNotificationEvents(session?.user.id ?? null);
  return (
    <Layout
      account={
        <div className="site-header__end">
          <SignedInNav />
          <AccountNav />
        </div>
      }
    />
  );
}

/** The route that wraps every page: the shared frame, filled with what the features give it. */
export function RootLayout() {
  return (
    <ToastProvider>
      <FrameWithBidNotices />
    </ToastProvider>
  );
}
