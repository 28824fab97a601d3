import { Link } from 'react-router-dom';
import { ErrorState } from '../../components/error-state';
import { useServerNow } from '../../lib/use-server-now';
import { useSession } from '../../features/auth/hooks/use-session';
import { useWatchlist } from '../../features/watchlist/api/get-watchlist';
import { SignInRedirect } from '../sign-in-redirect';
import { WatchedAuction } from '../watched-auction';

function WatchedAuctions({ userId }: { userId: number }) {
  const watchlist = useWatchlist(userId);
  const now = useServerNow();
  if (watchlist.isPending) return <p role="status">Loading the auctions you watch…</p>;
  if (watchlist.isError) return <ErrorState error={watchlist.error} onRetry={() => void watchlist.refetch()} />;
  if (watchlist.data.length === 0) {
    return (
      <p className="empty">
        You are not watching any auction yet. Press Watch on an auction to follow it: you are told when it is ending soon and when it ends.{' '}
        <Link to="/auctions">See the live auctions</Link>
      </p>
    );
  }
  return (
    <ul className="auction-grid">
      {watchlist.data.map((watch) => (
        <li key={watch.auctionId}>
          <WatchedAuction auctionId={watch.auctionId} userId={userId} now={now} />
        </li>
      ))}
    </ul>
  );
}

export function WatchingPage() {
  const { session } = useSession();
  if (!session) return <SignInRedirect />;
  return (
    <section aria-labelledby="watching-heading">
      <h1 id="watching-heading">Watching</h1>
      <WatchedAuctions userId={session.user.id} />
    </section>
  );
}
