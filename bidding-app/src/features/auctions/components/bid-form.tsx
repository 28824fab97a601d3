import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, messageOf } from '../../../lib/api-client';
import { loginPath, registerPath } from '../../../lib/auth-paths';
import { newIdempotencyKey } from '../../../lib/idempotency-key';
import { formatCents, parseMoneyToCents } from '../../../lib/money';
import { useToast } from '../../../components/toast-provider';
import { auctionKeys } from '../api/auction-keys';
import { usePlaceBid } from '../api/place-bid';
import type { AuctionView } from '../auction-view';

const PHASE_NOTES: Record<AuctionView['phase'], string> = {
  live: '',
  upcoming: 'Bidding opens when the auction starts.',
  closing: 'Bidding has closed.',
  sold: 'This auction has ended.',
  unsold: 'This auction has ended.',
};

/** Plain digits for the input ("12500.50"), from cents. */
const asInput = (cents: number) => (cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2));

export function BidForm({ view, loggedIn }: { view: AuctionView; loggedIn: boolean }) {
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const placeBid = usePlaceBid();
  const queryClient = useQueryClient();
  const toast = useToast();
  const location = useLocation();
  const id = useId();
  // One key per bid the user means to place: kept while the answer is unknown, so
  // sending the same amount again cannot bid twice; dropped once the cms has answered.
  const pendingKey = useRef<{ amount: number; key: string } | null>(null);
  const open = view.phase === 'live';

  if (!loggedIn) {
    return (
      <p className="bid-form bid-form--signed-out">
        <Link to={loginPath(location.pathname)}>Log in</Link> or <Link to={registerPath(location.pathname)}>create an account</Link> to bid.
      </p>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseMoneyToCents(amount);
    if (!parsed.ok) return setProblem(parsed.message);
    if (parsed.cents < view.minimumNextBid) {
      return setProblem(`Bid at least ${formatCents(view.minimumNextBid, view.currency)}.`);
    }
    setProblem(null);
    if (pendingKey.current?.amount !== parsed.cents) pendingKey.current = { amount: parsed.cents, key: newIdempotencyKey() };
    placeBid.mutate(
      { auctionId: view.auctionId, amount: parsed.cents, idempotencyKey: pendingKey.current.key },
      {
        onSuccess: (bid) => {
          pendingKey.current = null;
          setAmount('');
          toast({
            tone: 'info',
            title: `Bid of ${formatCents(bid.amount, view.currency)} placed`,
            message: 'It is being confirmed; the price updates as soon as it is.',
          });
        },
        onError: (err) => {
          // A definite refusal ends this bid; an unknown outcome keeps its key for a retry.
          if (err instanceof ApiError && err.status < 500) pendingKey.current = null;
          // The server's words, as it wrote them.
          setProblem(messageOf(err));
          // The cms knew something this page did not (a new end, a higher price): catch up.
          if (err instanceof ApiError && err.status < 500) {
            void queryClient.invalidateQueries({ queryKey: auctionKeys.detail(view.auctionId) });
          }
        },
      },
    );
  }

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <form className="bid-form" onSubmit={submit} noValidate aria-label="Place a bid">
      <label htmlFor={`${id}-amount`}>Your bid ({view.currency})</label>
      <div className="bid-form__row">
        <input
          id={`${id}-amount`}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          placeholder={asInput(view.minimumNextBid)}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          aria-describedby={problem ? `${hintId} ${errorId}` : hintId}
          aria-invalid={problem ? true : undefined}
          disabled={!open}
        />
        <button type="submit" className="button button--primary" disabled={!open || placeBid.isPending}>
          {placeBid.isPending ? 'Placing…' : 'Place bid'}
        </button>
      </div>
      <p id={hintId} className="bid-form__hint">
        {open ? (
          <>
            Minimum bid <strong data-testid="minimum-bid">{formatCents(view.minimumNextBid, view.currency)}</strong>{' '}
            <button type="button" className="link-button" onClick={() => setAmount(asInput(view.minimumNextBid))}>
              Use minimum
            </button>
          </>
        ) : (
          PHASE_NOTES[view.phase]
        )}
      </p>
      {problem && (
        <p id={errorId} className="form-error" role="alert" data-testid="bid-error">
          {problem}
        </p>
      )}
    </form>
  );
}
