import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../components/error-state';
import { ApiError } from '../../lib/api-client';
import { useServerNow } from '../../lib/use-server-now';
import { useSession } from '../../features/auth/hooks/use-session';
import { useAuction } from '../../features/auctions/api/get-auction';
import { auctionName, auctionSubtitle, bidCountText } from '../../features/auctions/auction-labels';
import { auctionView } from '../../features/auctions/auction-view';
import { AuctionBadges } from '../../features/auctions/components/auction-badges';
import { BidPanel } from '../../features/auctions/components/bid-panel';
import { BidHistory } from '../../features/auctions/components/bid-history';
import { CarSpecs } from '../../features/auctions/components/car-specs';
import { Countdown } from '../../features/auctions/components/countdown';
import { MyStanding } from '../../features/auctions/components/my-standing';
import { NextBidLine } from '../../features/auctions/components/next-bid-line';
import { PhotoGallery } from '../../features/auctions/components/photo-gallery';
import { PriceLine } from '../../features/auctions/components/price-line';
import { useAuctionLive } from '../../features/auctions/hooks/use-auction-live';
import { WatchButton } from '../../features/watchlist/components/watch-button';

export function AuctionPage() {
  const { auctionId = '' } = useParams();
  const auction = useAuction(auctionId);
  const live = useAuctionLive(auctionId);
  const now = useServerNow();
  const { session } = useSession();

  if (auction.isPending) return <p role="status">Loading the auction…</p>;
  if (auction.isError) {
    if (auction.error instanceof ApiError && auction.error.status === 404) {
      return (
        <div className="error-state" role="alert">
          <h1>Auction not found</h1>
          <p>
            It may have been withdrawn. <Link to="/auctions">See the live auctions</Link>.
          </p>
        </div>
      );
    }
    return <ErrorState error={auction.error} onRetry={() => void auction.refetch()} />;
  }

  const data = auction.data;
  const view = auctionView(data, live.state, now);
  const car = data.car;
  const name = auctionName(data);
  const subtitle = auctionSubtitle(data);
  return (
    <article className="auction-page" data-testid="auction-page">
      <p className="breadcrumb">
        <Link to="/auctions">← All auctions</Link>
      </p>
      <h1>{name}</h1>
      {subtitle && <p className="auction-page__subtitle">{subtitle}</p>}
      <WatchButton auctionId={data.documentId} userId={session?.user.id ?? null} />
      <div className="auction-page__layout">
        <div className="auction-page__gallery">{car && <PhotoGallery photos={car.photos} name={name} />}</div>
        <aside className="auction-page__panel" aria-label="Bidding">
          <AuctionBadges view={view} />
          <div aria-live="polite" aria-atomic="true">
            <PriceLine view={view} className="price price--large" />
          </div>
          <p className="auction-page__facts">
            <span data-testid="bid-count">{bidCountText(view.bidCount)}</span>
            {view.leaderName && <span>Leader: {view.leaderName}</span>}
            {view.phase === 'live' && <NextBidLine view={view} />}
          </p>
          <Countdown view={view} now={now} />
          {view.phase === 'withdrawn' && (
            <div className="notice notice--withdrawn" role="status" data-testid="withdrawn-notice">
              <strong>This auction was withdrawn.</strong>
              {view.withdrawReason && <p>{view.withdrawReason}</p>}
            </div>
          )}
          {session && <MyStanding view={view} />}
          <BidPanel view={view} loggedIn={session !== null} />
          {live.error && view.phase !== 'withdrawn' && <p className="note">Live updates: {live.error}</p>}
        </aside>
        {car && (
          <section className="auction-page__specs" aria-labelledby="specs-heading">
            <h2 id="specs-heading">The car</h2>
            <CarSpecs car={car} />
            {car.description && <p className="description">{car.description}</p>}
          </section>
        )}
      </div>
      <BidHistory auctionId={data.documentId} currency={data.currency} />
    </article>
  );
}
