import { useId, useState, type FormEvent } from 'react';
import { formatCents } from '@car-auction/contracts';
import { useToast } from '../../../components/toast-provider';
import type { AuctionView } from '../auction-view';
import { checkMaximumChange, type BidProblem } from '../bid-checks';
import { useSendBid } from '../hooks/use-send-bid';
import { MaximumField } from './maximum-field';

/**
 * The leader's form: a new maximum, higher or lower (not below the current
 * price). It is sent as a bid of the current price with the new maximum; the
 * server takes a leader's bid as a change of maximum and leaves the price.
 */
export function RaiseMaximumForm({ view }: { view: AuctionView }) {
  const [maximum, setMaximum] = useState('');
  const [problem, setProblem] = useState<BidProblem | null>(null);
  const { send, isPending } = useSendBid(view.auctionId);
  const toast = useToast();
  const id = useId();
  // Shown only while the user leads, so there is a price.
  const price = view.currentPrice;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (price === null) return;
    const checked = checkMaximumChange(maximum, price, view.currency);
    if (!checked.ok) return setProblem(checked);
    setProblem(null);
    send(checked.bid, {
      onPlaced: (bid) => {
        setMaximum('');
        toast({
          tone: 'info',
          title: `New maximum of ${formatCents(bid.maxAmount ?? bid.amount, view.currency)} sent`,
          message: 'It is being confirmed; your standing updates as soon as it is.',
        });
      },
      onProblem: setProblem,
    });
  }

  const errorId = `${id}-error`;
  return (
    <form className="bid-form" onSubmit={submit} noValidate aria-label="Change your maximum">
      <MaximumField
        id={`${id}-maximum`}
        label={`Raise your maximum (${view.currency})`}
        value={maximum}
        onChange={setMaximum}
        errorId={problem ? errorId : null}
        disabled={price === null}
      />
      <button type="submit" className="button button--primary bid-form__submit" disabled={price === null || isPending}>
        {isPending ? 'Sending…' : 'Set maximum'}
      </button>
      {problem && (
        <p id={errorId} className="form-error" role="alert" data-testid="maximum-error">
          {problem.message}
        </p>
      )}
    </form>
  );
}
