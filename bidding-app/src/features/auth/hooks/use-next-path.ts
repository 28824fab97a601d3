import { useSearchParams } from 'react-router-dom';
import { safeNextPath } from '../../../lib/auth-paths';

/** Where to go after logging in: the `next` parameter if it is a path on this app, else the auctions. */
export function useNextPath(): string {
  const [params] = useSearchParams();
  return safeNextPath(params.get('next'));
}
