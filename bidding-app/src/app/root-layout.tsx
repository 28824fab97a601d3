import { Layout } from '../components/layout';
import { ToastProvider } from '../components/toast-provider';
import { AccountNav } from '../features/auth/components/account-nav';
import { useMyBidEvents } from '../features/auctions/hooks/use-my-bid-events';

/** Inside the toasts, so the notices on the user's bids can be shown on any page. */
function FrameWithBidNotices() {
  useMyBidEvents();
  return <Layout account={<AccountNav />} />;
}

/** The route that wraps every page: the shared frame, filled with what the features give it. */
export function RootLayout() {
  return (
    <ToastProvider>
      <FrameWithBidNotices />
    </ToastProvider>
  );
}
