import { Link } from 'react-router-dom';
import { ErrorState } from '../../../components/error-state';
import { useServerNow } from '../../../lib/use-server-now';
import { useMyBidsList } from '../api/get-my-bids-list';
import { MY_BID_FILTERS, type MyBidFilter } from '../my-bid-filters';
import { MyBidRow } from './my-bid-row';

const CLOCK_EVERY_MS = 30_000;

/** The tabs, and the auctions the user bid on at the chosen status (one request; the tabs filter here). */
export function MyBidsList({ userId, filter }: { userId: number; filter: MyBidFilter }) {
  const bids = useMyBidsList(userId);
  const now = useServerNow(CLOCK_EVERY_MS);
  const tab = MY_BID_FILTERS.find((f) => f.filter === filter)!;
  const shown = bids.data?.filter((bid) => filter === 'all' || bid.status === filter);
  return (
    <>
      <nav aria-label="Filter by status" className="tabs">
        {MY_BID_FILTERS.map((f) => (
          <Link
            key={f.filter}
            to={f.filter === 'all' ? '/my-bids' : `/my-bids?status=${f.filter}`}
            className={f.filter === filter ? 'tabs__tab tabs__tab--current' : 'tabs__tab'}
            aria-current={f.filter === filter ? 'page' : undefined}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      {bids.isPending && <p role="status">Loading your bids…</p>}
      {bids.isError && <ErrorState error={bids.error} onRetry={() => void bids.refetch()} />}
      {shown?.length === 0 && (
        <p className="empty">
          {tab.empty} {filter === 'all' && <Link to="/auctions">See the live auctions</Link>}
        </p>
      )}
      {shown && shown.length > 0 && (
        <ul className="my-bid-list">
          {shown.map((bid) => (
            <MyBidRow key={bid.auctionId} bid={bid} now={now} />
          ))}
        </ul>
      )}
    </>
  );
}
