import { Link, NavLink, Outlet, useNavigate } from 'react-router-dom';
import { useLogout } from '../features/auth/api/logout';
import { useSession } from '../features/auth/hooks/use-session';
import { useMyBidEvents } from '../features/auctions/hooks/use-my-bid-events';
import { ConnectionBanner } from './connection-banner';

export function Layout() {
  const { session } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  useMyBidEvents();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/auctions" className="brand">
          Car Auctions
        </Link>
        <nav aria-label="Account" className="site-header__account">
          {session ? (
            <>
              <span className="site-header__user" data-testid="signed-in-as">
                {session.user.username}
              </span>
              <button
                type="button"
                className="button button--quiet"
                disabled={logout.isPending}
                onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/auctions') })}
              >
                Log out
              </button>
            </>
          ) : (
            <>
              <NavLink to="/login">Log in</NavLink>
              <NavLink to="/register" className="button button--primary">
                Register
              </NavLink>
            </>
          )}
        </nav>
      </header>
      <ConnectionBanner />
      <main id="main" className="site-main">
        <Outlet />
      </main>
    </>
  );
}
