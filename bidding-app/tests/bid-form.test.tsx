import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { auctionView } from '../src/features/auctions/auction-view';
import { BidForm } from '../src/features/auctions/components/bid-form';
import { sessionStore } from '../src/lib/session-store';
import { fakeJwt, stubFetch } from './support/fetch-stub';
import { NOW, publicAuction } from './support/fixtures';
import { renderWithApp } from './support/render';

const liveView = auctionView(publicAuction({ currentPrice: 6_500_000, bidCount: 2, minimumNextBid: 6_600_000 }), null, NOW);

beforeEach(() =>
  sessionStore.signIn({
    jwt: fakeJwt(Date.now() + 3_600_000),
    refreshToken: 'r',
    user: { id: 7, username: 'alice', email: 'a@example.test' },
  }),
);

test('shows the minimum and sends what was typed as cents', async () => {
  const calls = stubFetch(() => ({
    status: 202,
    body: { data: { bidId: 'b1', auctionId: 'auction1', amount: 6_650_050, placedAt: NOW } },
  }));
  renderWithApp(<BidForm view={liveView} loggedIn />);
  expect(screen.getByTestId('minimum-bid')).toHaveTextContent('$66,000.00');
  await userEvent.type(screen.getByLabelText('Your bid (USD)'), '66,500.50');
  await userEvent.click(screen.getByRole('button', { name: 'Place bid' }));
  await waitFor(() => expect(calls).toHaveLength(1));
  // No maximum typed: a plain bid, with no maxAmount at all.
  expect(calls[0]).toMatchObject({ method: 'POST' });
  expect(calls[0]!.body).toEqual({ amount: 6_650_050 });
  expect(calls[0]!.url).toMatch(/\/api\/auctions\/auction1\/bids$/);
  expect(await screen.findByText('Bid of $66,500.50 placed')).toBeInTheDocument();
  expect(screen.getByLabelText('Your bid (USD)')).toHaveValue('');
});

test.each([
  ['', 'Enter an amount'],
  ['12.345', 'Enter an amount like 12500 or 12500.50'],
  ['65000', 'Bid at least $66,000.00.'],
])('refuses %p before sending, saying why', async (typed, message) => {
  const calls = stubFetch(() => ({ status: 202, body: {} }));
  renderWithApp(<BidForm view={liveView} loggedIn />);
  if (typed) await userEvent.type(screen.getByLabelText('Your bid (USD)'), typed);
  await userEvent.click(screen.getByRole('button', { name: 'Place bid' }));
  expect(screen.getByRole('alert')).toHaveTextContent(message);
  expect(screen.getByLabelText('Your bid (USD)')).toHaveAttribute('aria-invalid', 'true');
  expect(calls).toHaveLength(0);
});

test("shows the server's refusal exactly as the server wrote it", async () => {
  const message = 'This auction ended at 2026-11-23T11:59:00.000Z; bids are closed.';
  stubFetch(() => ({
    status: 422,
    body: { data: null, error: { status: 422, name: 'ValidationError', message, details: { code: 'auction_ended' } } },
  }));
  renderWithApp(<BidForm view={liveView} loggedIn />);
  await userEvent.type(screen.getByLabelText('Your bid (USD)'), '70000');
  await userEvent.click(screen.getByRole('button', { name: 'Place bid' }));
  expect(await screen.findByTestId('bid-error')).toHaveTextContent(message);
});

test('a network failure says so and keeps the amount for another try', async () => {
  stubFetch(() => 'network-down');
  renderWithApp(<BidForm view={liveView} loggedIn />);
  await userEvent.type(screen.getByLabelText('Your bid (USD)'), '70000');
  await userEvent.click(screen.getByRole('button', { name: 'Place bid' }));
  expect(await screen.findByTestId('bid-error')).toHaveTextContent("Can't reach the auction server");
  expect(screen.getByLabelText('Your bid (USD)')).toHaveValue('70000');
});

test('disabled once the auction has ended', () => {
  const ended = auctionView(publicAuction(), null, publicAuction().endsAt + 1);
  renderWithApp(<BidForm view={ended} loggedIn />);
  expect(screen.getByLabelText('Your bid (USD)')).toBeDisabled();
  expect(screen.getByRole('button', { name: 'Place bid' })).toBeDisabled();
  expect(screen.getByText('Bidding has closed.')).toBeInTheDocument();
});

test('logged out, it offers to log in and come back', () => {
  renderWithApp(<BidForm view={liveView} loggedIn={false} />, { route: '/auctions/auction1' });
  expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login?next=%2Fauctions%2Fauction1');
  expect(screen.queryByLabelText(/Your bid/)).not.toBeInTheDocument();
});

test('"Use minimum" fills in the minimum bid, keyboard only', async () => {
  renderWithApp(<BidForm view={liveView} loggedIn />);
  const useMinimum = screen.getByRole('button', { name: 'Use minimum' });
  useMinimum.focus();
  await userEvent.keyboard('{Enter}');
  expect(screen.getByLabelText('Your bid (USD)')).toHaveValue('66000');
});

test('each bid carries an Idempotency-Key, kept for a retry after an unknown outcome and renewed after an answer', async () => {
  let answer: { status: number; body?: unknown } | 'network-down' = {
    status: 503,
    body: {
      data: null,
      error: {
        status: 503,
        message: 'Bids cannot be accepted right now (the bid stream did not answer in time); please try again in a few seconds',
      },
    },
  };
  const calls = stubFetch(() => answer);
  renderWithApp(<BidForm view={liveView} loggedIn />);
  const send = async () => {
    await userEvent.click(screen.getByRole('button', { name: 'Place bid' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Place bid' })).toBeEnabled());
  };
  await userEvent.type(screen.getByLabelText('Your bid (USD)'), '70000');
  await send();
  expect(await screen.findByTestId('bid-error')).toHaveTextContent('the bid stream did not answer in time');
  answer = 'network-down';
  await send();
  answer = { status: 202, body: { data: { bidId: 'b1', auctionId: 'auction1', amount: 7_000_000, placedAt: NOW } } };
  await send();
  const keys = calls.map((c) => c.headers['idempotency-key']);
  expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
  // The same bid, three tries, one key: the cms counts it at most once.
  expect(new Set(keys).size).toBe(1);
  await userEvent.type(screen.getByLabelText('Your bid (USD)'), '71000');
  await send();
  expect(calls[3]!.headers['idempotency-key']).not.toBe(keys[0]);
});

const placed = (amount: number, maxAmount?: number) => ({
  status: 202,
  body: { data: { bidId: 'b1', auctionId: 'auction1', amount, maxAmount, placedAt: NOW } },
});

test('a maximum set beside the bid is sent as maxAmount in cents, with one sentence saying how it works', async () => {
  const calls = stubFetch(() => placed(6_600_000, 7_250_050));
  renderWithApp(<BidForm view={liveView} loggedIn />);
  const maximum = screen.getByLabelText('Set your maximum (USD, optional)');
  expect(maximum).toHaveAccessibleDescription(
    'We bid for you, only as much as needed to keep you in the lead, up to your maximum. No one else sees it.',
  );
  await userEvent.type(screen.getByLabelText('Your bid (USD)'), '66000');
  await userEvent.type(maximum, '72,500.50');
  await userEvent.click(screen.getByRole('button', { name: 'Place bid' }));
  await waitFor(() => expect(calls).toHaveLength(1));
  expect(calls[0]!.body).toEqual({ amount: 6_600_000, maxAmount: 7_250_050 });
  expect(await screen.findByText('Bid of $66,000.00 placed, up to your maximum of $72,500.50')).toBeInTheDocument();
  expect(maximum).toHaveValue('');
});

test.each([
  ['65000', 'Your maximum must be at least your bid.'],
  ['70000.999', 'Enter a maximum like 12500 or 12500.50'],
  ['0', 'Enter a maximum above zero'],
  ['1000000001', 'That maximum is too large'],
])('refuses the maximum %p before sending, beside the maximum', async (typed, message) => {
  const calls = stubFetch(() => placed(6_600_000));
  renderWithApp(<BidForm view={liveView} loggedIn />);
  await userEvent.type(screen.getByLabelText('Your bid (USD)'), '66000');
  await userEvent.type(screen.getByLabelText('Set your maximum (USD, optional)'), typed);
  await userEvent.click(screen.getByRole('button', { name: 'Place bid' }));
  expect(screen.getByRole('alert')).toHaveTextContent(message);
  expect(screen.getByLabelText('Set your maximum (USD, optional)')).toHaveAttribute('aria-invalid', 'true');
  expect(screen.getByLabelText('Your bid (USD)')).not.toHaveAttribute('aria-invalid');
  expect(calls).toHaveLength(0);
});

test.each([
  [400, 'invalid_max_amount', 'maxAmount must be at least amount', 'maxAmount'],
  [422, 'max_below_minimum', 'Your maximum must be at least the minimum bid of $66,000.00', 'maxAmount'],
  [422, 'max_below_price', 'Your maximum cannot be below the current price of $65,000.00', 'maxAmount'],
  [422, 'bid_too_low', 'Bid at least $67,000.00: the price moved', 'amount'],
])("shows the server's %p %s exactly as written, beside the field it is about", async (status, code, message, field) => {
  stubFetch(() => ({ status, body: { data: null, error: { status, name: 'ValidationError', message, details: { code } } } }));
  renderWithApp(<BidForm view={liveView} loggedIn />);
  await userEvent.type(screen.getByLabelText('Your bid (USD)'), '66000');
  await userEvent.type(screen.getByLabelText('Set your maximum (USD, optional)'), '70000');
  await userEvent.click(screen.getByRole('button', { name: 'Place bid' }));
  expect(await screen.findByTestId('bid-error')).toHaveTextContent(message);
  const marked = field === 'maxAmount' ? 'Set your maximum (USD, optional)' : 'Your bid (USD)';
  expect(screen.getByLabelText(marked)).toHaveAttribute('aria-invalid', 'true');
});

test('while no minimum is known yet it says so and offers no quick-fill, and lets the server judge the bid', async () => {
  const loading = auctionView(publicAuction({ currentPrice: 6_500_000, bidCount: 2, minimumNextBid: null, increment: null }), null, NOW);
  const calls = stubFetch(() => placed(6_510_000));
  renderWithApp(<BidForm view={loading} loggedIn />);
  expect(screen.getByText(/Loading the minimum bid/)).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Use minimum' })).toBeDisabled();
  await userEvent.type(screen.getByLabelText('Your bid (USD)'), '65100');
  await userEvent.click(screen.getByRole('button', { name: 'Place bid' }));
  await waitFor(() => expect(calls).toHaveLength(1));
});
