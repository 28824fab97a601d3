import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { AuctionCard } from '../src/features/auctions/components/auction-card';
import { WatchButton } from '../src/features/watchlist/components/watch-button';
import { stubFetch, type StubbedCall } from './support/fetch-stub';
import { NOW, publicAuction } from './support/fixtures';
import { renderWithApp } from './support/render';
import { signIn } from './support/session';

type Reply = { status: number; body?: unknown };
const watchers = (count: number, watching: boolean | null): Reply => ({
  status: 200,
  body: { data: { auctionId: 'auction1', watchers: count, watching } },
});

/** Holds the answer to a PUT or DELETE until the test lets it go, so what shows meanwhile can be seen. */
function heldWrites(initial: Reply) {
  let release: (reply: Reply) => void = () => undefined;
  const calls = stubFetch((call: StubbedCall) => {
    if (call.method === 'GET') return initial;
    return new Promise<Reply>((resolve) => (release = resolve));
  });
  return { calls, release: (reply: Reply) => release(reply) };
}

const toggle = () => screen.getByRole('button', { name: /^Watch/ });

test('watching shows at once, before the notifier answers, with one more watcher', async () => {
  signIn();
  const { calls, release } = heldWrites(watchers(12, false));
  renderWithApp(<WatchButton auctionId="auction1" userId={7} />);
  expect(await screen.findByText('12 watching')).toBeInTheDocument();
  expect(toggle()).toHaveAttribute('aria-pressed', 'false');
  expect(toggle()).toHaveAccessibleName('Watch');

  await userEvent.click(toggle());
  expect(toggle()).toHaveAttribute('aria-pressed', 'true');
  expect(toggle()).toHaveAccessibleName('Watching');
  expect(screen.getByText('13 watching')).toBeInTheDocument();
  const put = calls.find((c) => c.method === 'PUT')!;
  expect(put.url).toBe('http://localhost:4100/api/watchlist/auction1');
  expect(put.headers.authorization).toMatch(/^Bearer /);

  release(watchers(15, true)); // others started watching too: the answer wins
  expect(await screen.findByText('15 watching')).toBeInTheDocument();
  expect(toggle()).toHaveAttribute('aria-pressed', 'true');
});

test("a refused change is undone and the notifier's message toasted as written", async () => {
  signIn();
  const { release } = heldWrites(watchers(12, true));
  renderWithApp(<WatchButton auctionId="auction1" userId={7} />);
  await screen.findByText('12 watching');
  expect(toggle()).toHaveAttribute('aria-pressed', 'true');

  await userEvent.click(toggle());
  expect(toggle()).toHaveAttribute('aria-pressed', 'false');
  expect(screen.getByText('11 watching')).toBeInTheDocument();

  const message = 'Notifications are not available right now. Try again in a few seconds.';
  release({ status: 503, body: { error: { status: 503, message } } });
  const toast = await screen.findByRole('alert');
  expect(toast).toHaveTextContent('Your watchlist was not changed');
  expect(toast).toHaveTextContent(message);
  expect(toggle()).toHaveAttribute('aria-pressed', 'true');
  expect(screen.getByText('12 watching')).toBeInTheDocument();
});

test('unwatching sends DELETE', async () => {
  signIn();
  const { calls, release } = heldWrites(watchers(3, true));
  renderWithApp(<WatchButton auctionId="auction1" userId={7} />);
  await screen.findByText('3 watching');
  await userEvent.click(toggle());
  release(watchers(2, false));
  expect(await screen.findByText('2 watching')).toBeInTheDocument();
  expect(calls.find((c) => c.method !== 'GET')).toMatchObject({ method: 'DELETE', url: 'http://localhost:4100/api/watchlist/auction1' });
});

function LoginMarker() {
  const { search } = useLocation();
  return <p>login page {decodeURIComponent(search)}</p>;
}

test('logged out, the count is asked without a token, and the toggle leads to the login page and back', async () => {
  const calls = stubFetch(() => watchers(4, null));
  renderWithApp(
    <Routes>
      <Route path="/auctions/:auctionId" element={<WatchButton auctionId="auction1" userId={null} />} />
      <Route path="/login" element={<LoginMarker />} />
    </Routes>,
    { route: '/auctions/auction1' },
  );
  expect(await screen.findByText('4 watching')).toBeInTheDocument();
  expect(calls[0]!.headers.authorization).toBeUndefined();
  await userEvent.click(toggle());
  expect(await screen.findByText('login page ?next=/auctions/auction1')).toBeInTheDocument();
  expect(calls.filter((c) => c.method !== 'GET')).toHaveLength(0);
});

test("on a card, the compact toggle is named after the auction, reads the user's watchlist, and does not open the auction", async () => {
  signIn();
  const calls = stubFetch((call) => {
    if (call.url.endsWith('/api/watchlist'))
      return { status: 200, body: { data: [{ auctionId: 'other', since: new Date(NOW).toISOString() }] } };
    return watchers(1, true);
  });
  renderWithApp(
    <Routes>
      <Route
        path="/list"
        element={
          <AuctionCard
            auction={publicAuction()}
            now={NOW}
            watchLive={false}
            action={<WatchButton auctionId="auction1" userId={7} compact auctionName="1991 Honda NSX" />}
          />
        }
      />
      <Route path="/auctions/:auctionId" element={<p>auction page</p>} />
    </Routes>,
    { route: '/list' },
  );
  const button = await screen.findByRole('button', { name: 'Watch 1991 Honda NSX' });
  await waitFor(() => expect(calls.some((c) => c.url.endsWith('/api/watchlist'))).toBe(true));
  await userEvent.click(button);
  expect(screen.getByRole('button', { name: 'Watching 1991 Honda NSX' })).toHaveAttribute('aria-pressed', 'true');
  // Still on the list: the card's link was not followed.
  expect(screen.queryByText('auction page')).not.toBeInTheDocument();
  expect(screen.getByRole('link')).not.toContainElement(screen.getByRole('button', { name: 'Watching 1991 Honda NSX' }));
  await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
  // A card asks for no count of its own.
  expect(calls.filter((c) => c.url.includes('/watchers'))).toHaveLength(0);
});
