import type { AuctionView } from '../auction-view';

const RESERVE_LABELS = { none: 'No reserve', not_met: 'Reserve not met', met: 'Reserve met' } as const;

export function AuctionBadges({ view }: { view: AuctionView }) {
  const open = view.phase === 'live' || view.phase === 'upcoming';
  return (
    <ul className="badges" aria-label="Auction status">
      {view.phase === 'live' && <li className="badge badge--live">Live</li>}
      {view.phase === 'upcoming' && <li className="badge">Upcoming</li>}
      {view.endingSoon && <li className="badge badge--soon">Ending soon</li>}
      {view.phase === 'sold' && <li className="badge badge--sold">Sold</li>}
      {view.phase === 'unsold' && <li className="badge">Unsold</li>}
      {view.phase === 'withdrawn' && <li className="badge badge--withdrawn">Withdrawn</li>}
      {view.endedEarly && view.phase !== 'withdrawn' && <li className="badge">Ended early</li>}
      {open && <li className={`badge badge--reserve-${view.reserveStatus}`}>{RESERVE_LABELS[view.reserveStatus]}</li>}
    </ul>
  );
}
