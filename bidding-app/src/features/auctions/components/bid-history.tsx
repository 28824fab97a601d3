import type { BidHistoryEntry } from '@car-auction/contracts';
import { messageOf } from '../../../lib/api-client';
import { formatCents } from '@car-auction/contracts';
import { useBidHistory } from '../api/get-bid-history';

const timeOf = (epochMs: number) => new Date(epochMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function BidHistory({ auctionId, currency }: { auctionId: string; currency: string }) {
  const history = useBidHistory(auctionId);
  return (
    <section className="history" aria-labelledby="history-heading">
      <h2 id="history-heading">Bid history</h2>
      {history.isPending && <p>Loading bids…</p>}
      {history.isError && (
        <p className="form-error">
          {messageOf(history.error)}{' '}
          <button type="button" className="link-button" onClick={() => void history.refetch()}>
            Try again
          </button>
        </p>
      )}
      {history.data && history.data.entries.length === 0 && <p>No bids yet. Be the first.</p>}
      {history.data && history.data.entries.length > 0 && (
        <>
          <ol className="history__list" data-testid="bid-history">
            {history.data.entries.map((entry: BidHistoryEntry, i) => (
              <li key={entry.bidId} className={i === 0 ? 'history__item history__item--top' : 'history__item'}>
                <span className="history__amount">{formatCents(entry.amount, currency)}</span>
                <span className="history__bidder">
                  {entry.bidderName}
                  {entry.automatic && (
                    <span className="badge history__automatic" title="Made by the engine for this bidder's maximum">
                      automatic bid
                    </span>
                  )}
                </span>
                <time dateTime={new Date(entry.placedAt).toISOString()}>{timeOf(entry.placedAt)}</time>
              </li>
            ))}
          </ol>
          {history.data.total > history.data.entries.length && (
            <p className="history__more">
              Showing the latest {history.data.entries.length} of {history.data.total} bids.
            </p>
          )}
        </>
      )}
    </section>
  );
}
