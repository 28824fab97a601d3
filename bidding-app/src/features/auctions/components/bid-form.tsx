import { useId, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { loginPath, registerPath } from '../../../lib/auth-paths';
import { centsToInput, formatCents } from '@car-auction/contracts';
import { useToast } from '../../../components/toast-provider';
import type { AuctionView } from '../auction-view';
import { checkBid, type BidProblem } from '../bid-checks';
import { useSendBid } from '../hooks/use-send-bid';
import { MaximumField } from './maximum-field';

const PHASE_NOTES: Record<AuctionView['phase'], string> = {
  live: '',
  upcoming: 'Bidding opens when the auction starts.',
  closing: 'Bidding has closed.',
  sold: 'This auction has ended.',
  unsold: 'This auction has ended.',
  withdrawn: 'This auction was withdrawn: it takes no bids.',
};

function MinimumHint({ view, onUse }: { view: AuctionView; onUse(cents: number): void }) {
  if (view.phase !== 'live') return <>{PHASE_NOTES[view.phase]}</>;
  const minimum = view.minimumNextBid;
  return (
    <>
      {minimum === null ? (
        'Loading the minimum bid…'
      ) : (
        <>
          Minimum bid <strong data-testid="minimum-bid">{formatCents(minimum, view.currency)}</strong>
        </>
      )}{' '}
      <button type="button" className="link-button" disabled={minimum === null} onClick={() => minimum !== null && onUse(minimum)}>
        Use minimum
      </button>
    </>
  );
}

export function BidForm({ view, loggedIn }: { view: AuctionView; loggedIn: boolean }) {
  const [amount, setAmount] = useState('');
  const [maximum, setMaximum] = useState('');
  const [problem, setProblem] = useState<BidProblem | null>(null);
  const { send, isPending } = useSendBid(view.auctionId);
  const toast = useToast();
  const location = useLocation();
  const id = useId();
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
    const checked = checkBid(amount, maximum, view.minimumNextBid, view.currency);
    if (!checked.ok) return setProblem(checked);
    setProblem(null);
    send(checked.bid, {
      onPlaced: (bid) => {
        setAmount('');
        setMaximum('');
        const withMaximum = bid.maxAmount === undefined ? '' : `, up to your maximum of ${formatCents(bid.maxAmount, view.currency)}`;
        toast({
          tone: 'info',
          title: `Bid of ${formatCents(bid.amount, view.currency)} placed${withMaximum}`,
          message: 'It is being confirmed; the price updates as soon as it is.',
        });
      },
      onProblem: setProblem,
    });
  }

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const amountError = problem?.field === 'amount' ? errorId : null;
  return (
    <form className="bid-form" onSubmit={submit} noValidate aria-label="Place a bid">
      <div className="bid-form__fields">
        <div className="bid-form__field">
          <label htmlFor={`${id}-amount`}>Your bid ({view.currency})</label>
          <input
            id={`${id}-amount`}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            placeholder={view.minimumNextBid === null ? undefined : centsToInput(view.minimumNextBid)}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            aria-describedby={amountError ? `${hintId} ${amountError}` : hintId}
            aria-invalid={amountError ? true : undefined}
            disabled={!open}
          />
          <p id={hintId} className="bid-form__hint">
            <MinimumHint view={view} onUse={(cents) => setAmount(centsToInput(cents))} />
          </p>
        </div>
        <MaximumField
          id={`${id}-maximum`}
          label={`Set your maximum (${view.currency}, optional)`}
          value={maximum}
          onChange={setMaximum}
          errorId={problem?.field === 'maxAmount' ? errorId : null}
          disabled={!open}
        />
      </div>
      <button type="submit" className="button button--primary bid-form__submit" disabled={!open || isPending}>
        {isPending ? 'Placing…' : 'Place bid'}
      </button>
      {problem && (
        <p id={errorId} className="form-error" role="alert" data-testid="bid-error">
          {problem.message}
        </p>
      )}
    </form>
  );
}
