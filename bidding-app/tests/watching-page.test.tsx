import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WatchingPage } from '../src/app/routes/watching-page';
import { stubFetch } from './support/fetch-stub';
import { NOW, wireAuction } from './support/fixtures';
import { renderWithApp } from './support/render';
import { signIn } from './support/session';

beforeEach(() => signIn());

const watchlist = [
  { auctionId: 'nsx', since: new Date(NOW).toISOString() },
  { auctionId: 'gone', since: new Date(NOW - 60_000).toISOString() },
];

test('shows each watched auction as the lists do, newest watched first, each with its toggle', async () => {
  const calls = stubFetch((call) => {
    if (call.url.endsWith('/api/watchlist')) return { status: 200, body: { data: watchlist } };
    if (call.url.includes('/api/auctions/nsx?')) {
      return { status: 200, body: { data: wireAuction({ documentId: 'nsx' }), meta: { serverTime: Date.now() } } };
    }
    if (call.url.includes('/api/auctions/gone?'))
      return { status: 404, body: { data: null, error: { status: 404, message: 'Not Found' } } };
    return { status: 200, body: { data: { auctionId: 'nsx', watchers: 1, watching: false } } };
  });
  renderWithApp(<WatchingPage />, { route: '/watching' });
  expect(screen.getByRole('heading', { name: 'Watching' })).toBeInTheDocument();
  const card = await screen.findByTestId('auction-card');
  expect(within(card).getByRole('heading', { name: '1991 Honda NSX' })).toBeInTheDocument();
  expect(within(card).getByRole('button', { name: 'Watching 1991 Honda NSX' })).toHaveAttribute('aria-pressed', 'true');
  expect(await screen.findByText('This auction is no longer listed.')).toBeInTheDocument();
  expect(calls.filter((c) => c.url.startsWith('http://localhost:1337/api/auctions/'))).toHaveLength(2);

  // Unwatching takes it off the page at once.
  await userEvent.click(within(card).getByRole('button', { name: 'Watching 1991 Honda NSX' }));
  expect(screen.queryByTestId('auction-card')).not.toBeInTheDocument();
});

test('watching nothing: it says how to start', async () => {
  stubFetch(() => ({ status: 200, body: { data: [] } }));
  renderWithApp(<WatchingPage />, { route: '/watching' });
  expect(await screen.findByText(/You are not watching any auction yet/)).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'See the live auctions' })).toHaveAttribute('href', '/auctions');
});
