import type { AuctionView } from '../auction-view';
import { useMyStanding } from '../hooks/use-my-standing';
import { BidForm } from './bid-form';
import { RaiseMaximumForm } from './raise-maximum-form';

/**
 * The form a bidder needs now: the leader of a live auction changes their
 * maximum (a bid would only be taken as one); everyone else bids.
 */
export function BidPanel({ view, loggedIn }: { view: AuctionView; loggedIn: boolean }) {
  const { leading, leadingConfirmed } = useMyStanding(view.auctionId);
  // A lead remembered from an earlier visit may be stale: bid until this session confirms it.
  if (loggedIn && leading === true && leadingConfirmed && view.phase === 'live' && view.currentPrice !== null) {
    return <RaiseMaximumForm view={view} />;
  }
  return <BidForm view={view} loggedIn={loggedIn} />;
}
