import { describeDuration, formatDuration } from '@car-auction/contracts';
import type { AuctionView } from '../auction-view';

/** Time to the start or the end, on the server's clock (`now` comes from useServerNow). */
export function Countdown({ view, now }: { view: AuctionView; now: number }) {
  if (view.phase === 'upcoming') {
    const left = view.startsAt - now;
    return (
      <p className="countdown" aria-label={`Starts in ${describeDuration(left)}`}>
        Starts in <time dateTime={new Date(view.startsAt).toISOString()}>{formatDuration(left)}</time>
      </p>
    );
  }
  if (view.phase === 'live') {
    const left = view.endsAt - now;
    return (
      <p className={view.endingSoon ? 'countdown countdown--soon' : 'countdown'} aria-label={`Ends in ${describeDuration(left)}`}>
        Ends in <time dateTime={new Date(view.endsAt).toISOString()}>{formatDuration(left)}</time>
      </p>
    );
  }
  if (view.phase === 'withdrawn') return <p className="countdown countdown--ended">Withdrawn from sale</p>;
  const ended = new Date(view.endsAt);
  return (
    <p className="countdown countdown--ended">
      {view.phase === 'closing' ? 'Bidding closed, settling the result' : view.endedEarly ? 'Ended early' : 'Ended'}{' '}
      <time dateTime={ended.toISOString()}>{ended.toLocaleString()}</time>
    </p>
  );
}
