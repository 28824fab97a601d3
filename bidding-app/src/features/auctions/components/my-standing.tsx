import { formatCents } from '@car-auction/contracts';
import type { AuctionView } from '../auction-view';
import { useMyStanding } from '../hooks/use-my-standing';
import type { MyAuctionStanding } from '../my-bids-store';
import { rejectionMessage } from '../rejection-messages';

type Tone = 'good' | 'bad' | 'neutral';

function leadingText(standing: MyAuctionStanding, view: AuctionView): string {
  if (view.phase === 'sold') return 'You won this auction.';
  if (view.phase === 'unsold') return 'You were the highest bidder, but the reserve was not met.';
  if (view.phase === 'withdrawn') return 'You were the highest bidder when the auction was withdrawn.';
  const { maximum } = standing;
  // A maximum the price has reached (a plain bid's, or one used up) has nothing left to say.
  if (maximum !== null && view.currentPrice !== null && maximum > view.currentPrice) {
    return `You're winning, up to your maximum of ${formatCents(maximum, view.currency)}.`;
  }
  return "You're the highest bidder.";
}

/** The line saying where the bidder stands, and its tone; null when there is nothing to say. */
function headline(standing: MyAuctionStanding, view: AuctionView): { text: string; tone: Tone } | null {
  if (standing.pendingBidIds.length > 0) return { text: 'Your bid is being confirmed…', tone: 'neutral' };
  if (standing.leading === true) return { text: leadingText(standing, view), tone: 'good' };
  if (standing.leading === false && standing.hasBid) {
    const ended = view.phase === 'sold' || view.phase === 'unsold' || view.phase === 'withdrawn';
    return { text: ended ? 'You were outbid.' : "You've been outbid.", tone: 'bad' };
  }
  return null;
}

/** Why the last bid was refused, while it still matters: not while another is pending, nor once leading (unless it was the leader's maximum). */
function reasonOf({ lastRejection, pendingBidIds, leading }: MyAuctionStanding): string | null {
  if (!lastRejection || pendingBidIds.length > 0) return null;
  if (leading === true && lastRejection.reason !== 'max_below_price') return null;
  return rejectionMessage(lastRejection.reason);
}

/** Where the logged-in bidder stands: confirming, leading (up to their maximum), outbid, won. */
export function MyStanding({ view }: { view: AuctionView }) {
  const standing = useMyStanding(view.auctionId);
  const line = headline(standing, view);
  const reason = reasonOf(standing);
  if (line === null && reason === null) return null;
  return (
    <div className={`standing standing--${line?.tone ?? 'neutral'}`} data-testid="my-standing">
      {line && <p>{line.text}</p>}
      {reason && <p className="standing__reason">{reason}</p>}
    </div>
  );
}
