import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { NotificationsPage } from '../src/app/routes/notifications-page';
import { sessionStore } from '../src/lib/session-store';
import { stubFetch, type StubbedCall } from './support/fetch-stub';
import { notificationsPage, notificationView } from './support/fixtures';
import { renderWithApp } from './support/render';
import { signIn } from './support/session';

const recent = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
const first = [
  notificationView({ id: 'n3', text: '1991 Honda NSX ends in 10 minutes.', at: recent(2), auctionId: 'nsx' }),
  notificationView({ id: 'n2', kind: 'won', text: 'You won 1967 Ford Mustang for $40,000.00.', at: recent(90), read: true }),
  notificationView({ id: 'n1', kind: 'outbid', text: 'You were outbid on 1988 BMW M3.', at: recent(60 * 30), auctionId: 'm3' }),
];

/** The notifier as the page sees it: pages of notifications and the read marks, with the count left unread. */
function notifier(handle: (call: StubbedCall) => { status: number; body?: unknown } | undefined = () => undefined) {
  return stubFetch((call) => {
    const custom = handle(call);
    if (custom) return custom;
    if (call.url.includes('/api/notifications/read')) {
      return { status: 200, body: { data: { unread: (call.body as { all?: true }).all ? 0 : 1 } } };
    }
    if (call.url.includes('before=')) return { status: 200, body: notificationsPage([notificationView({ id: 'n0', text: 'Older.' })]) };
    return { status: 200, body: notificationsPage(first, { next: first[2]!.at }) };
  });
}

const items = () => screen.getAllByTestId('notification');

beforeEach(() => signIn());

test('lists the notifications newest first, the unread ones marked in words, each linking to its auction', async () => {
  notifier();
  renderWithApp(<NotificationsPage />, { route: '/notifications' });
  expect(await screen.findByRole('heading', { name: 'Notifications' })).toBeInTheDocument();
  await screen.findByText('1991 Honda NSX ends in 10 minutes.');
  expect(items().map((li) => li.querySelector('a')!.textContent)).toEqual([
    '1991 Honda NSX ends in 10 minutes.',
    'You won 1967 Ford Mustang for $40,000.00.',
    'You were outbid on 1988 BMW M3.',
  ]);
  expect(within(items()[0]!).getByText('Unread')).toBeInTheDocument();
  expect(within(items()[1]!).queryByText('Unread')).not.toBeInTheDocument();
  expect(within(items()[2]!).getByText('Unread')).toBeInTheDocument();
  expect(screen.getByRole('link', { name: '1991 Honda NSX ends in 10 minutes.' })).toHaveAttribute('href', '/auctions/nsx');
  expect(within(items()[0]!).getByText('2 minutes ago')).toHaveAttribute('datetime', first[0]!.at);
  expect(within(items()[1]!).getByText('1 hour ago')).toBeInTheDocument();
  expect(screen.getByText('2 unread')).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Notification settings' })).toHaveAttribute('href', '/notifications/settings');
});

test('opening one marks it read', async () => {
  const calls = notifier();
  renderWithApp(<NotificationsPage />, { route: '/notifications' });
  await userEvent.click(await screen.findByRole('link', { name: '1991 Honda NSX ends in 10 minutes.' }));
  await waitFor(() => expect(calls.some((c) => c.url.endsWith('/api/notifications/read'))).toBe(true));
  const read = calls.find((c) => c.url.endsWith('/api/notifications/read'))!;
  expect(read).toMatchObject({ method: 'POST', url: 'http://localhost:4100/api/notifications/read', body: { ids: ['n3'] } });
  await waitFor(() => expect(within(items()[0]!).queryByText('Unread')).not.toBeInTheDocument());
  expect(screen.getByText('1 unread')).toBeInTheDocument();
});

test('opening one already read sends nothing', async () => {
  const calls = notifier();
  renderWithApp(<NotificationsPage />, { route: '/notifications' });
  await userEvent.click(await screen.findByRole('link', { name: 'You won 1967 Ford Mustang for $40,000.00.' }));
  expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
});

test('"Mark all as read" marks every one read', async () => {
  const calls = notifier();
  renderWithApp(<NotificationsPage />, { route: '/notifications' });
  await userEvent.click(await screen.findByRole('button', { name: 'Mark all as read' }));
  await waitFor(() => expect(screen.queryByText('Unread')).not.toBeInTheDocument());
  expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ all: true });
  expect(screen.getByText('All read')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Mark all as read' })).toBeDisabled();
});

test('a refused "mark read" says why and reads the list again', async () => {
  const calls = notifier((call) =>
    call.method === 'POST'
      ? { status: 503, body: { error: { status: 503, message: 'Notifications are not available right now. Try again in a few seconds.' } } }
      : undefined,
  );
  renderWithApp(<NotificationsPage />, { route: '/notifications' });
  await userEvent.click(await screen.findByRole('button', { name: 'Mark all as read' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('Notifications are not available right now. Try again in a few seconds.');
  await waitFor(() => expect(within(items()[0]!).getByText('Unread')).toBeInTheDocument());
  expect(calls.filter((c) => c.method === 'GET').length).toBeGreaterThanOrEqual(2);
});

test('"Load older" asks for the page before the last one shown, and adds it below', async () => {
  const calls = notifier();
  renderWithApp(<NotificationsPage />, { route: '/notifications' });
  await userEvent.click(await screen.findByRole('button', { name: 'Load older' }));
  expect(await screen.findByText('Older.')).toBeInTheDocument();
  expect(items()).toHaveLength(4);
  expect(calls[1]!.url).toBe(`http://localhost:4100/api/notifications?limit=20&before=${encodeURIComponent(first[2]!.at)}`);
  // The last page had no `next`: nothing older.
  expect(screen.queryByRole('button', { name: 'Load older' })).not.toBeInTheDocument();
});

test('none yet: it says what will come here', async () => {
  notifier(() => ({ status: 200, body: notificationsPage([]) }));
  renderWithApp(<NotificationsPage />, { route: '/notifications' });
  expect(await screen.findByText(/No notifications yet/)).toBeInTheDocument();
  expect(screen.queryByRole('list')).not.toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Mark all as read' })).toBeDisabled();
});

test("a list that cannot be read shows the notifier's message and a retry", async () => {
  notifier(() => ({
    status: 503,
    body: { error: { status: 503, message: 'Notifications are not available right now. Try again in a few seconds.' } },
  }));
  renderWithApp(<NotificationsPage />, { route: '/notifications' });
  expect(await screen.findByRole('alert')).toHaveTextContent('Notifications are not available right now. Try again in a few seconds.');
  expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
});

function LoginMarker() {
  const { search } = useLocation();
  return <p>login page {decodeURIComponent(search)}</p>;
}

test('logged out, it sends the user to log in and come back', () => {
  sessionStore.signOut('logged_out');
  const calls = stubFetch(() => ({ status: 200, body: {} }));
  renderWithApp(
    <Routes>
      <Route path="/notifications" element={<NotificationsPage />} />
      <Route path="/login" element={<LoginMarker />} />
    </Routes>,
    { route: '/notifications' },
  );
  expect(screen.getByText('login page ?next=/notifications')).toBeInTheDocument();
  expect(calls).toHaveLength(0);
});
