import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { PublicAuction } from '@car-auction/contracts';
import { photoUrl } from '../../../lib/photo-url';
import { auctionName, auctionSubtitle, bidCountText, mileageText } from '../auction-labels';
import { auctionView } from '../auction-view';
import { useAuctionLive } from '../hooks/use-auction-live';
import { AuctionBadges } from './auction-badges';
import { Countdown } from './countdown';
import { PriceLine } from './price-line';

export interface AuctionCardProps {
  auction: PublicAuction;
  now: number;
  watchLive: boolean;
  /**
   * A control of the card's own (the app's watch toggle), given by the page:
   * a feature's card does not import another feature. Set beside the card's
   * link, not inside it, so using it never opens the auction.
   */
  action?: ReactNode;
}

export function AuctionCard({ auction, now, watchLive, action }: AuctionCardProps) {
  const { state } = useAuctionLive(watchLive ? auction.documentId : undefined);
  const view = auctionView(auction, state, now);
  const car = auction.car;
  const photo = car?.photos[0];
  const name = auctionName(auction);
  const subtitle = auctionSubtitle(auction);
  return (
    <article className="auction-card" data-testid="auction-card" data-auction-id={auction.documentId}>
      <Link to={`/auctions/${auction.documentId}`} className="auction-card__link">
        <div className="auction-card__photo">
          {photo ? (
            <img src={photoUrl(photo, 'small')} alt={photo.alternativeText || name} loading="lazy" width={500} height={333} />
          ) : (
            <div className="auction-card__no-photo" aria-hidden="true">
              No photo
            </div>
          )}
        </div>
        <div className="auction-card__body">
          <h3 className="auction-card__title">{name}</h3>
          {subtitle && <p className="auction-card__subtitle">{subtitle}</p>}
          <AuctionBadges view={view} />
          <PriceLine view={view} />
          <p className="auction-card__facts">
            <span>{bidCountText(view.bidCount)}</span>
            {car && <span>{mileageText(car)}</span>}
          </p>
          <Countdown view={view} now={now} />
        </div>
      </Link>
      {action && <div className="auction-card__action">{action}</div>}
    </article>
  );
}
