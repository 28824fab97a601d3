import { screen } from '@testing-library/react';
import { NotificationBell } from '../src/features/notifications/components/notification-bell';
import { stubFetch } from './support/fetch-stub';
import { notificationsPage, notificationView } from './support/fixtures';
import { renderWithApp } from './support/render';
import { signIn } from './support/session';

beforeEach(() => signIn());

test('the bell names its unread count and shows it in a badge', async () => {
  const calls = stubFetch(() => ({
    status: 200,
    body: notificationsPage([notificationView({ id: 'n2' }), notificationView({ id: 'n1' })], { unread: 3 }),
  }));
  renderWithApp(<NotificationBell userId={7} />);
  const bell = await screen.findByRole('link', { name: 'Notifications, 3 unread' });
  expect(bell).toHaveAttribute('href', '/notifications');
  expect(screen.getByTestId('unread-count')).toHaveTextContent('3');
  expect(calls[0]!.url).toBe('http://localhost:4100/api/notifications?limit=20');
});

test('with nothing unread it is just "Notifications", with no badge', async () => {
  stubFetch(() => ({ status: 200, body: notificationsPage([notificationView({ read: true })]) }));
  renderWithApp(<NotificationBell userId={7} />);
  expect(await screen.findByRole('link', { name: 'Notifications' })).toBeInTheDocument();
  expect(screen.queryByTestId('unread-count')).not.toBeInTheDocument();
});

test('a large count is shown as 99+ but named in full', async () => {
  stubFetch(() => ({ status: 200, body: notificationsPage([], { unread: 140 }) }));
  renderWithApp(<NotificationBell userId={7} />);
  expect(await screen.findByRole('link', { name: 'Notifications, 140 unread' })).toBeInTheDocument();
  expect(screen.getByTestId('unread-count')).toHaveTextContent('99+');
});
