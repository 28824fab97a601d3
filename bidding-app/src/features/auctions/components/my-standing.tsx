import type { AuctionView } from '../auction-view';
import { useMyStanding } from '../hooks/use-my-standing';
import { rejectionMessage } from '../rejection-messages';

/** Where the logged-in bidder stands: confirming, leading, outbid, won. */
export function MyStanding({ view }: { view: AuctionView }) {
  const standing = useMyStanding(view.auctionId);
  let text: string | null = null;
  let tone: 'good' | 'bad' | 'neutral' = 'neutral';
  const ended = view.phase === 'sold' || view.phase === 'unsold';
  if (standing.pendingBidIds.length > 0) text = 'Your bid is being confirmed…';
  else if (standing.leading === true) {
    tone = 'good';
    if (view.phase === 'sold') text = 'You won this auction.';
    else if (view.phase === 'unsold') text = 'You were the highest bidder, but the reserve was not met.';
    else text = "You're the highest bidder.";
  } else if (standing.leading === false && standing.hasBid) {
    tone = 'bad';
    text = ended ? 'You were outbid.' : "You've been outbid.";
  }
  if (text === null && standing.lastRejection === null) return null;
  return (
    <div className={`standing standing--${tone}`} data-testid="my-standing">
      {text && <p>{text}</p>}
      {standing.lastRejection && standing.pendingBidIds.length === 0 && standing.leading !== true && (
        <p className="standing__reason">{rejectionMessage(standing.lastRejection.reason)}</p>
      )}
    </div>
  );
}
