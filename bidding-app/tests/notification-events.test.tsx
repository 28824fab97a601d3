/**
 * The notifier's pushes, through the gateway socket, against a real Socket.IO
 * server in this process (socket.io-client's Node build, hence the export conditions).
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, screen, waitFor } from '@testing-library/react';
import type { NotificationCreatedEvent } from '@car-auction/contracts';
import type { NotificationsFeed } from '../src/features/notifications/api/get-notifications';
import { notificationKeys } from '../src/features/notifications/api/notification-keys';
import { NotificationBell } from '../src/features/notifications/components/notification-bell';
import { useNotificationEvents } from '../src/features/notifications/hooks/use-notification-events';
import { closeSocket } from '../src/lib/realtime-socket';
import { stubFetch } from './support/fetch-stub';
import { notificationsPage, notificationView } from './support/fixtures';
import { renderWithApp } from './support/render';
import { signIn } from './support/session';
import { startTestGateway, type TestGateway } from './support/socket-server';

let gateway: TestGateway;
let connected: TestGateway['connected'];

beforeAll(async () => {
  gateway = await startTestGateway();
  connected = gateway.connected;
});
afterAll(() => gateway.close());

beforeEach(() => {
  connected.length = 0;
  signIn();
});
afterEach(() => closeSocket());

function Bell() {
  useNotificationEvents(7);
  return <NotificationBell userId={7} />;
}

const push = (event: NotificationCreatedEvent) => act(() => void connected[0]!.emit('notification:created', event));

async function renderConnected() {
  stubFetch(() => ({ status: 200, body: notificationsPage([notificationView({ id: 'n1' })], { unread: 1 }) }));
  const result = renderWithApp(<Bell />);
  await screen.findByRole('link', { name: 'Notifications, 1 unread' });
  await waitFor(() => expect(connected).toHaveLength(1));
  return result;
}

test('a pushed notification is counted on the bell at once and toasted with its text, once', async () => {
  await renderConnected();
  const event = {
    notification: notificationView({ id: 'n2', kind: 'ending_soon', text: '1991 Honda NSX ends in 10 minutes.' }),
    unread: 2,
  };
  push(event);
  push(event); // at-least-once delivery: a replay
  expect(await screen.findByRole('link', { name: 'Notifications, 2 unread' })).toBeInTheDocument();
  const toast = await screen.findByTestId('toast');
  expect(toast).toHaveTextContent('1991 Honda NSX ends in 10 minutes.');
  expect(screen.getByRole('link', { name: 'Open the auction' })).toHaveAttribute('href', '/auctions/auction1');
  expect(screen.getAllByTestId('toast')).toHaveLength(1);
});

test('outbid and leading are counted but not toasted: the tab already toasts them from bid:notices', async () => {
  const { queryClient } = await renderConnected();
  push({ notification: notificationView({ id: 'n2', kind: 'outbid', text: 'You were outbid on 1991 Honda NSX.' }), unread: 2 });
  push({ notification: notificationView({ id: 'n3', kind: 'leading', text: 'You lead 1991 Honda NSX.' }), unread: 3 });
  expect(await screen.findByRole('link', { name: 'Notifications, 3 unread' })).toBeInTheDocument();
  expect(screen.queryByTestId('toast')).not.toBeInTheDocument();
  // Both are in the list the notifications page reads.
  const feed = queryClient.getQueryData<NotificationsFeed>(notificationKeys.feed(7));
  expect(feed?.pages[0]?.data.map((n) => n.id)).toEqual(['n3', 'n2', 'n1']);
});
