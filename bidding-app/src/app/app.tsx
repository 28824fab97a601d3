import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { RootLayout } from './root-layout';
import { AuctionPage } from './routes/auction-page';
import { AuctionsPage } from './routes/auctions-page';
import { LoginPage } from './routes/login-page';
import { MyBidsPage } from './routes/my-bids-page';
import { NotFoundPage } from './routes/not-found-page';
import { NotificationSettingsPage } from './routes/notification-settings-page';
import { NotificationsPage } from './routes/notifications-page';
import { RegisterPage } from './routes/register-page';
import { WatchingPage } from './routes/watching-page';

const router = createBrowserRouter([
  {
    element: <RootLayout />,
    children: [
      { path: '/', element: <Navigate to="/auctions" replace /> },
      { path: '/auctions', element: <AuctionsPage /> },
      { path: '/auctions/:auctionId', element: <AuctionPage /> },
      { path: '/login', element: <LoginPage /> },
      { path: '/register', element: <RegisterPage /> },
      { path: '/notifications', element: <NotificationsPage /> },
      { path: '/notifications/settings', element: <NotificationSettingsPage /> },
      { path: '/watching', element: <WatchingPage /> },
      { path: '/my-bids', element: <MyBidsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
