import { NavLink, useNavigate } from 'react-router-dom';
import { loginPath, registerPath } from '../../../lib/auth-paths';
import { useLogout } from '../api/logout';
import { useSession } from '../hooks/use-session';

/** The header's account corner: who is logged in and a way out, or the ways in. */
export function AccountNav() {
  const { session } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
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
          <NavLink to={loginPath()}>Log in</NavLink>
          <NavLink to={registerPath()} className="button button--primary">
            Register
          </NavLink>
        </>
      )}
    </nav>
  );
}
