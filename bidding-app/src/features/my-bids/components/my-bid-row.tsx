import { Link } from 'react-router-dom';
import { formatCents, type MyBidView } from '@car-auction/contracts';
import { TimeAgo } from '../../../components/time-ago';
import { MY_BID_STATUS_LABELS } from '../my-bid-filters';

/** The notifier keeps no currency with a bid; the app's auctions are in dollars, as its toasts assume. */
const CURRENCY = 'USD';

/** One auction the user bid on: its title (a link), where they stand, the price then, and when it changed. */
export function MyBidRow({ bid, now }: { bid: MyBidView; now: number }) {
  return (
    <li className="my-bid" data-testid="my-bid" data-status={bid.status}>
      <Link to={`/auctions/${bid.auctionId}`} className="my-bid__title">
        {bid.auctionTitle}
      </Link>
      <span className={`badge badge--${bid.status}`}>{MY_BID_STATUS_LABELS[bid.status]}</span>
      <span className="my-bid__price">{bid.price === null ? 'No price yet' : formatCents(bid.price, CURRENCY)}</span>
      <span className="my-bid__time">
        Updated <TimeAgo at={bid.updatedAt} now={now} />
      </span>
    </li>
  );
}
