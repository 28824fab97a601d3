import type { ReactNode } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { ConnectionBanner } from './connection-banner';

/**
 * The page frame around every route. What goes in the header's account corner
 * comes from the app (src/app), which may use features; shared components may not.
 */
export function Layout({ account }: { account: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/auctions" className="brand">
          Car Auctions
        </Link>
        {account}
      </header>
      <ConnectionBanner />
      <main id="main" className="site-main">
        <Outlet />
      </main>
    </>
  );
}
