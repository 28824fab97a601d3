import { pooled } from '../log';

export interface Bidder {
  id: number;
  username: string;
  jwt: string;
}

/**
 * Registers bidders through the public API (users-permissions), each with its
 * own access token; load rotates over them so the per-bidder rate limit and the
 * per-request user lookups see many users, as in production.
 */
export async function registerBidders(cmsUrl: string, count: number, runTag: string): Promise<Bidder[]> {
  const tasks = Array.from({ length: count }, (_, i) => async (): Promise<Bidder> => {
    const username = `bench${runTag}b${i}`;
    const res = await fetch(`${cmsUrl}/api/auth/local/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, email: `${username}@bench.example.test`, password: 'Bench-pass-12345' }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json()) as { jwt?: string; user?: { id: number }; error?: unknown };
    if (res.status !== 200 || !body.jwt || !body.user) throw new Error(`register ${username}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    return { id: body.user.id, username, jwt: body.jwt };
  });
  // Password hashing dominates; a few at a time keeps both cores busy.
  return pooled(tasks, 4);
}
