/**
 * The login and register pages read `next` to send the user back where they
 * were; every link to them is built here so the parameter is written one way.
 */
const withNext = (page: string, next?: string) => (next === undefined ? page : `${page}?next=${encodeURIComponent(next)}`);

export const loginPath = (next?: string) => withNext('/login', next);

export const registerPath = (next?: string) => withNext('/register', next);

/** `next` if it is a path on this app, else the auctions. */
export function safeNextPath(next: string | null): string {
  // "//evil.example" is a path to the browser's eyes but another host: only single-slash paths.
  return next && /^\/(?!\/)/.test(next) ? next : '/auctions';
}
