import { Link, useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../components/error-state';
import { useServerNow } from '../../lib/use-server-now';
import { useSession } from '../../features/auth/hooks/use-session';
import type { AuctionListFilter } from '../../features/auctions/auction-phase';
import { useAuctions } from '../../features/auctions/api/get-auctions';
import { auctionName } from '../../features/auctions/auction-labels';
import { AuctionCard } from '../../features/auctions/components/auction-card';
import { WatchButton } from '../../features/watchlist/components/watch-button';

const TABS: { filter: AuctionListFilter; label: string; empty: string }[] = [
  { filter: 'live', label: 'Live', empty: 'No auctions are live right now. Look at what is coming up.' },
  { filter: 'upcoming', label: 'Upcoming', empty: 'Nothing is scheduled yet.' },
  { filter: 'ended', label: 'Ended', empty: 'No auction has ended yet.' },
];

/** The URL's `?phase=` names the list; anything else is the live one. */
const filterFrom = (value: string | null): AuctionListFilter => (value === 'upcoming' || value === 'ended' ? value : 'live');

export function AuctionsPage() {
  const [params] = useSearchParams();
  const filter = filterFrom(params.get('phase'));
  const auctions = useAuctions(filter);
  const now = useServerNow();
  const userId = useSession().session?.user.id ?? null;
  const tab = TABS.find((t) => t.filter === filter)!;
  return (
    <section aria-labelledby="auctions-heading">
      <h1 id="auctions-heading">{tab.label} auctions</h1>
      <nav aria-label="Auction lists" className="tabs">
        {TABS.map((t) => (
          <Link
            key={t.filter}
            to={t.filter === 'live' ? '/auctions' : `/auctions?phase=${t.filter}`}
            className={t.filter === filter ? 'tabs__tab tabs__tab--current' : 'tabs__tab'}
            aria-current={t.filter === filter ? 'page' : undefined}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {auctions.isPending && <p role="status">Loading auctions…</p>}
      {auctions.isError && <ErrorState error={auctions.error} onRetry={() => void auctions.refetch()} />}
      {auctions.data?.length === 0 && <p className="empty">{tab.empty}</p>}
      {auctions.data && auctions.data.length > 0 && (
        <ul className="auction-grid">
          {auctions.data.map((auction) => (
            <li key={auction.documentId}>
              <AuctionCard
                auction={auction}
                now={now}
                watchLive={filter === 'live'}
                action={<WatchButton auctionId={auction.documentId} userId={userId} compact auctionName={auctionName(auction)} />}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
