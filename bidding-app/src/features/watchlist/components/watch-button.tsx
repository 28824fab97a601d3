import type { MouseEvent } from 'react';
import { useWatchState } from '../hooks/use-watch-state';
import { useWatchToggle } from '../hooks/use-watch-toggle';

export interface WatchButtonProps {
  auctionId: string;
  userId: number | null;
  /** On a card: smaller, no count, and named after the auction (a list has many). */
  compact?: boolean;
  /** The auction's name, for the compact button's accessible name ("Watch 1991 Honda NSX"). */
  auctionName?: string;
}

/** The watch toggle; on the auction page with how many watch ("12 watching"). */
export function WatchButton({ auctionId, userId, compact = false, auctionName }: WatchButtonProps) {
  const { watching, watchers } = useWatchState(auctionId, userId, !compact);
  const { toggle, isPending } = useWatchToggle(auctionId, userId);
  const text = watching ? 'Watching' : 'Watch';

  const onClick = (event: MouseEvent) => {
    // A card may sit inside a link: toggling must not also open the auction.
    event.preventDefault();
    event.stopPropagation();
    // aria-disabled rather than disabled while saving: a disabled button drops the keyboard focus.
    if (!isPending) toggle(!watching);
  };

  const button = (
    <button
      type="button"
      className={compact ? 'button watch-button watch-button--compact' : 'button watch-button'}
      aria-pressed={watching}
      aria-disabled={isPending || undefined}
      aria-label={compact && auctionName ? `${text} ${auctionName}` : undefined}
      onClick={onClick}
    >
      <span className="watch-button__star" aria-hidden="true">
        {watching ? '★' : '☆'}
      </span>{' '}
      {text}
    </button>
  );
  if (compact) return button;
  return (
    <div className="watch">
      {button}
      {watchers !== null && (
        <span className="watch__count" data-testid="watcher-count">
          {watchers} watching
        </span>
      )}
    </div>
  );
}
