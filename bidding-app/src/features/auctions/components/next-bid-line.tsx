import { formatCents } from '@car-auction/contracts';
import type { AuctionView } from '../auction-view';

/** "Next bid from $X (increments of $Y)", as the auction's increment table gives them. */
export function NextBidLine({ view }: { view: AuctionView }) {
  if (view.minimumNextBid === null) return <span data-testid="next-bid">Loading the minimum next bid…</span>;
  const increment = view.increment === null ? '' : ` (increments of ${formatCents(view.increment, view.currency)})`;
  return <span data-testid="next-bid">{`Next bid from ${formatCents(view.minimumNextBid, view.currency)}${increment}`}</span>;
}
