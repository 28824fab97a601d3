import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { BidOutcomeEvent } from '@car-auction/contracts';
import { auctionView } from '../src/features/auctions/auction-view';
import { BidPanel } from '../src/features/auctions/components/bid-panel';
import { MyStanding } from '../src/features/auctions/components/my-standing';
import { NextBidLine } from '../src/features/auctions/components/next-bid-line';
import { RaiseMaximumForm } from '../src/features/auctions/components/raise-maximum-form';
import { myBidsStore } from '../src/features/auctions/my-bids-store';
import { sessionStore } from '../src/lib/session-store';
import { fakeJwt, stubFetch } from './support/fetch-stub';
import { liveState, NOW, publicAuction } from './support/fixtures';
import { renderWithApp } from './support/render';

/** Alice leads at $66,000; the table's next bid is $67,000. */
const view = auctionView(
  publicAuction(),
  liveState({ currentPrice: 6_600_000, bidCount: 3, minimumNextBid: 6_700_000, increment: 100_000, leaderName: 'a***e' }),
  NOW,
);

beforeEach(() =>
  sessionStore.signIn({
    jwt: fakeJwt(Date.now() + 3_600_000),
    refreshToken: 'r',
    user: { id: 7, username: 'alice', email: 'a@example.test' },
  }),
);

const outcome = (overrides: Partial<BidOutcomeEvent>): BidOutcomeEvent => ({
  bidId: 'b1',
  auctionId: 'auction1',
  amount: 6_600_000,
  outcome: 'accepted',
  reason: null,
  seq: 3,
  maxAmount: null,
  currentPrice: 6_600_000,
  ...overrides,
});

describe('where the bidder stands with a maximum', () => {
  test('leading with a maximum above the price: "You\'re winning, up to your maximum of $X"', () => {
    renderWithApp(<MyStanding view={view} />);
    act(() => myBidsStore.noteJoined('auction1', { viewerIsLeader: true, viewerMaximum: 8_000_000 }));
    expect(screen.getByTestId('my-standing')).toHaveTextContent("You're winning, up to your maximum of $80,000.00.");
  });

  test('the maximum from the decision on their own bid, and no longer once outbid', () => {
    renderWithApp(<MyStanding view={view} />);
    act(() => myBidsStore.noteOutcome(outcome({ maxAmount: 7_500_000 })));
    expect(screen.getByTestId('my-standing')).toHaveTextContent("You're winning, up to your maximum of $75,000.00.");
    act(() => myBidsStore.noteOutbid({ auctionId: 'auction1', currentPrice: 7_600_000, minimumNextBid: 7_700_000, seq: 4 }));
    expect(screen.getByTestId('my-standing')).toHaveTextContent("You've been outbid.");
    expect(screen.getByTestId('my-standing')).not.toHaveTextContent('$75,000.00');
  });

  test('a maximum the price has reached, or a plain bid, says only that they lead', () => {
    renderWithApp(<MyStanding view={view} />);
    act(() => myBidsStore.noteJoined('auction1', { viewerIsLeader: true, viewerMaximum: 6_600_000 }));
    expect(screen.getByTestId('my-standing')).toHaveTextContent("You're the highest bidder.");
    act(() => myBidsStore.noteOutcome(outcome({ bidId: 'b2', maxAmount: null })));
    expect(screen.getByTestId('my-standing')).toHaveTextContent("You're the highest bidder.");
  });

  test('outbid at once by an earlier maximum: told so, and no longer leading', () => {
    renderWithApp(<MyStanding view={view} />);
    act(() => myBidsStore.noteJoined('auction1', { viewerIsLeader: true, viewerMaximum: null }));
    act(() => myBidsStore.noteOutcome(outcome({ outcome: 'rejected', reason: 'outbid_by_maximum', amount: 6_500_000 })));
    const standing = screen.getByTestId('my-standing');
    expect(standing).toHaveTextContent("You've been outbid.");
    expect(standing).toHaveTextContent('Outbid at once by an earlier maximum');
    expect(standing).toHaveClass('standing--bad');
  });

  test("the leader's maximum below the price keeps them leading, and says why it was refused", () => {
    renderWithApp(<MyStanding view={view} />);
    act(() => myBidsStore.noteJoined('auction1', { viewerIsLeader: true, viewerMaximum: 8_000_000 }));
    act(() => myBidsStore.noteOutcome(outcome({ outcome: 'rejected', reason: 'max_below_price', maxAmount: 6_000_000 })));
    const standing = screen.getByTestId('my-standing');
    expect(standing).toHaveTextContent("You're winning, up to your maximum of $80,000.00.");
    expect(standing).toHaveTextContent('Your maximum cannot be lower than the current price.');
  });
});

describe('the leader changes their maximum', () => {
  test('the leader is offered "Raise your maximum" instead of a bid; anyone else the bid form', () => {
    renderWithApp(<BidPanel view={view} loggedIn />);
    expect(screen.getByLabelText('Your bid (USD)')).toBeInTheDocument();
    act(() => myBidsStore.noteJoined('auction1', { viewerIsLeader: true, viewerMaximum: 7_000_000 }));
    expect(screen.getByLabelText('Raise your maximum (USD)')).toBeInTheDocument();
    expect(screen.queryByLabelText('Your bid (USD)')).not.toBeInTheDocument();
  });

  test('a lead remembered from an earlier visit is not trusted until this session confirms it', () => {
    localStorage.setItem('car-auction.my-bids.8', JSON.stringify({ auction1: { hasBid: true, leading: true } }));
    act(() =>
      sessionStore.signIn({
        jwt: fakeJwt(Date.now() + 3_600_000),
        refreshToken: 'r',
        user: { id: 8, username: 'ben', email: 'b@example.test' },
      }),
    );
    expect(myBidsStore.get('auction1')).toMatchObject({ leading: true, leadingConfirmed: false });
    renderWithApp(<BidPanel view={view} loggedIn />);
    expect(screen.getByLabelText('Your bid (USD)')).toBeInTheDocument();
    act(() => myBidsStore.noteJoined('auction1', { viewerIsLeader: true, viewerMaximum: null }));
    expect(screen.getByLabelText('Raise your maximum (USD)')).toBeInTheDocument();
  });

  test('sends the current price as the amount with the new maximum', async () => {
    const calls = stubFetch(() => ({
      status: 202,
      body: { data: { bidId: 'b5', auctionId: 'auction1', amount: 6_600_000, maxAmount: 9_000_000, placedAt: NOW } },
    }));
    renderWithApp(<RaiseMaximumForm view={view} />);
    await userEvent.type(screen.getByLabelText('Raise your maximum (USD)'), '90000');
    await userEvent.click(screen.getByRole('button', { name: 'Set maximum' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toMatchObject({ method: 'POST', body: { amount: 6_600_000, maxAmount: 9_000_000 } });
    expect(calls[0]!.url).toMatch(/\/api\/auctions\/auction1\/bids$/);
    expect(await screen.findByText('New maximum of $90,000.00 sent')).toBeInTheDocument();
  });

  test('may lower it, but not below the current price', async () => {
    const calls = stubFetch(() => ({
      status: 202,
      body: { data: { bidId: 'b6', auctionId: 'auction1', amount: 6_600_000, maxAmount: 6_600_000, placedAt: NOW } },
    }));
    renderWithApp(<RaiseMaximumForm view={view} />);
    const input = screen.getByLabelText('Raise your maximum (USD)');
    await userEvent.type(input, '65999.99');
    await userEvent.click(screen.getByRole('button', { name: 'Set maximum' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Your maximum cannot be lower than the current price, $66,000.00.');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(calls).toHaveLength(0);
    await userEvent.clear(input);
    await userEvent.type(input, '66000');
    await userEvent.click(screen.getByRole('button', { name: 'Set maximum' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body).toEqual({ amount: 6_600_000, maxAmount: 6_600_000 });
  });

  test("shows the server's max_below_price refusal as written", async () => {
    const message = 'Your maximum cannot be below the current price of $67,000.00';
    stubFetch(() => ({
      status: 422,
      body: {
        data: null,
        error: { status: 422, name: 'ValidationError', message, details: { code: 'max_below_price', currentPrice: 6_700_000 } },
      },
    }));
    renderWithApp(<RaiseMaximumForm view={view} />);
    await userEvent.type(screen.getByLabelText('Raise your maximum (USD)'), '66500');
    await userEvent.click(screen.getByRole('button', { name: 'Set maximum' }));
    expect(await screen.findByTestId('maximum-error')).toHaveTextContent(message);
  });
});

describe('the next bid as the table gives it', () => {
  test('"Next bid from $X (increments of $Y)"', () => {
    renderWithApp(<NextBidLine view={view} />);
    expect(screen.getByTestId('next-bid')).toHaveTextContent('Next bid from $67,000.00 (increments of $1,000.00)');
  });

  test('a tier of the table, from REST before any live state', () => {
    const tiered = auctionView(
      publicAuction({ currentPrice: 5_000_000, bidCount: 9, minimumNextBid: 5_250_000, increment: 250_000 }),
      null,
      NOW,
    );
    renderWithApp(<NextBidLine view={tiered} />);
    expect(screen.getByTestId('next-bid')).toHaveTextContent('Next bid from $52,500.00 (increments of $2,500.00)');
  });

  test('says the minimum is loading while neither the live state nor REST has it', () => {
    const unknown = auctionView(publicAuction({ currentPrice: 6_500_000, bidCount: 2, minimumNextBid: null, increment: null }), null, NOW);
    renderWithApp(<NextBidLine view={unknown} />);
    expect(screen.getByTestId('next-bid')).toHaveTextContent('Loading the minimum next bid…');
  });
});
