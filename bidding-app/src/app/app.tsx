import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { Layout } from '../components/layout';
import { ToastProvider } from '../components/toast-provider';
import { AuctionPage } from './routes/auction-page';
import { AuctionsPage } from './routes/auctions-page';
import { LoginPage } from './routes/login-page';
import { NotFoundPage } from './routes/not-found-page';
import { RegisterPage } from './routes/register-page';

function ToastedLayout() {
  return (
    <ToastProvider>
      <Layout />
    </ToastProvider>
  );
}

const router = createBrowserRouter([
  {
    element: <ToastedLayout />,
    children: [
      { path: '/', element: <Navigate to="/auctions" replace /> },
      { path: '/auctions', element: <AuctionsPage /> },
      { path: '/auctions/:auctionId', element: <AuctionPage /> },
      { path: '/login', element: <LoginPage /> },
      { path: '/register', element: <RegisterPage /> },
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
