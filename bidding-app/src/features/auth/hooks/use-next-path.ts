import { useSearchParams } from 'react-router-dom';

/** Where to go after logging in: the `next` parameter if it is a path on this app, else the auctions. */
export function useNextPath(): string {
  const [params] = useSearchParams();
  const next = params.get('next');
  // "//evil.example" is a path to the browser's eyes but another host: only single-slash paths.
  return next && /^\/(?!\/)/.test(next) ? next : '/auctions';
}
