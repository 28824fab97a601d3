import { formatCents } from '@car-auction/contracts';
import type { AuctionView } from '../auction-view';

/** The one price that matters at this phase, with what it is. */
export function priceLine(view: AuctionView): { label: string; amount: string | null } {
  const money = (cents: number | null) => (cents === null ? null : formatCents(cents, view.currency));
  if (view.phase === 'sold') return { label: 'Sold for', amount: money(view.currentPrice) };
  if (view.phase === 'withdrawn')
    return { label: view.currentPrice === null ? 'No bids' : 'Highest bid', amount: money(view.currentPrice) };
  if (view.phase === 'unsold') return { label: view.currentPrice === null ? 'No bids' : 'Highest bid', amount: money(view.currentPrice) };
  if (view.currentPrice === null) return { label: 'Starting bid', amount: money(view.startingPrice) };
  return { label: view.phase === 'closing' ? 'Final bid' : 'Current bid', amount: money(view.currentPrice) };
}

export function PriceLine({ view, className = 'price' }: { view: AuctionView; className?: string }) {
  const { label, amount } = priceLine(view);
  return (
    <p className={className}>
      <span className="price__label">{label}</span>{' '}
      {amount && (
        <span className="price__amount" data-testid="current-price">
          {amount}
        </span>
      )}
    </p>
  );
}
