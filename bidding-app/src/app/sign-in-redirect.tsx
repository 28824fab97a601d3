import { Navigate, useLocation } from 'react-router-dom';
import { loginPath } from '../lib/auth-paths';

/** For a page that is only a logged-in user's: off to the login page, which comes back here. */
export function SignInRedirect() {
  const { pathname, search } = useLocation();
  return <Navigate to={loginPath(`${pathname}${search}`)} replace />;
}
