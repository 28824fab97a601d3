import { screen, within } from '@testing-library/react';
import { SignedInNav } from '../src/app/signed-in-nav';
import { stubFetch } from './support/fetch-stub';
import { notificationsPage, notificationView } from './support/fixtures';
import { renderWithApp } from './support/render';
import { signIn } from './support/session';

test('logged in, the header links to Watching, My bids and the notifications', async () => {
  signIn();
  stubFetch(() => ({ status: 200, body: notificationsPage([notificationView()]) }));
  renderWithApp(<SignedInNav />);
  const nav = screen.getByRole('navigation', { name: 'Your auctions' });
  expect(within(nav).getByRole('link', { name: 'Watching' })).toHaveAttribute('href', '/watching');
  expect(within(nav).getByRole('link', { name: 'My bids' })).toHaveAttribute('href', '/my-bids');
  expect(await within(nav).findByRole('link', { name: 'Notifications, 1 unread' })).toHaveAttribute('href', '/notifications');
});

test('logged out, there is none of it, and nothing is asked', () => {
  const calls = stubFetch(() => ({ status: 200, body: {} }));
  renderWithApp(<SignedInNav />);
  expect(screen.queryByRole('navigation', { name: 'Your auctions' })).not.toBeInTheDocument();
  expect(calls).toHaveLength(0);
});
