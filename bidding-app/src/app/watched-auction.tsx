import { ApiError } from '../lib/api-client';
import { useAuction } from '../features/auctions/api/get-auction';
import { auctionName } from '../features/auctions/auction-labels';
import { auctionView } from '../features/auctions/auction-view';
import { AuctionCard } from '../features/auctions/components/auction-card';
import { WatchButton } from '../features/watchlist/components/watch-button';

/**
 * A watched auction as the lists show it, read through the auctions' own
 * query (so the cache and live updates are shared), with its watch toggle.
 */
export function WatchedAuction({ auctionId, userId, now }: { auctionId: string; userId: number; now: number }) {
  const auction = useAuction(auctionId);
  if (auction.isPending) {
    return (
      <article className="auction-card auction-card--placeholder" aria-busy="true">
        <p role="status">Loading the auction…</p>
      </article>
    );
  }
  if (auction.isError) {
    // Still in the watchlist but no longer listed (deleted): it can be let go.
    const gone = auction.error instanceof ApiError && auction.error.status === 404;
    return (
      <article className="auction-card auction-card--placeholder">
        <p>{gone ? 'This auction is no longer listed.' : 'This auction could not be loaded.'}</p>
        <WatchButton auctionId={auctionId} userId={userId} compact auctionName="this auction" />
      </article>
    );
  }
  const data = auction.data;
  return (
    <AuctionCard
      auction={data}
      now={now}
      watchLive={auctionView(data, null, now).phase === 'live'}
      action={<WatchButton auctionId={auctionId} userId={userId} compact auctionName={auctionName(data)} />}
    />
  );
}
