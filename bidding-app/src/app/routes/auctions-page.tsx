import { Link, useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../components/error-state';
import { useServerNow } from '../../lib/use-server-now';
import type { AuctionPhase } from '../../features/auctions/api/auction-keys';
import { useAuctions } from '../../features/auctions/api/get-auctions';
import { AuctionCard } from '../../features/auctions/components/auction-card';

const TABS: { phase: AuctionPhase; label: string; empty: string }[] = [
  { phase: 'live', label: 'Live', empty: 'No auctions are live right now. Look at what is coming up.' },
  { phase: 'upcoming', label: 'Upcoming', empty: 'Nothing is scheduled yet.' },
  { phase: 'ended', label: 'Ended', empty: 'No auction has ended yet.' },
];

const phaseFrom = (value: string | null): AuctionPhase =>
  value === 'upcoming' || value === 'ended' ? value : 'live';

export function AuctionsPage() {
  const [params] = useSearchParams();
  const phase = phaseFrom(params.get('phase'));
  const auctions = useAuctions(phase);
  const now = useServerNow();
  const tab = TABS.find((t) => t.phase === phase)!;
  return (
    <section aria-labelledby="auctions-heading">
      <h1 id="auctions-heading">{tab.label} auctions</h1>
      <nav aria-label="Auction lists" className="tabs">
        {TABS.map((t) => (
          <Link
            key={t.phase}
            to={t.phase === 'live' ? '/auctions' : `/auctions?phase=${t.phase}`}
            className={t.phase === phase ? 'tabs__tab tabs__tab--current' : 'tabs__tab'}
            aria-current={t.phase === phase ? 'page' : undefined}
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
              <AuctionCard auction={auction} now={now} watchLive={phase === 'live'} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
