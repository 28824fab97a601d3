/** A registered user with an access token. */
export interface Bidder {
  id: number;
  username: string;
  jwt: string;
}

/** POSTs JSON to the cms: over fetch, or supertest in the cms's own tests. */
export type PostJson = (path: string, body: unknown) => Promise<{ status: number; body: unknown }>;

export const postJsonTo =
  (baseUrl: string, timeoutMs = 30_000): PostJson =>
  async (path, body) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  };

export const BIDDER_PASSWORD = 'Secret-pass-123';

let counter = 0;
/** A name no other bidder of this run or an earlier one has. */
export const uniqueName = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Registers a bidder through users-permissions' public API. */
export async function registerBidder(post: PostJson, username = uniqueName('bidder'), email = `${username}@example.test`): Promise<Bidder> {
  const { status, body } = await post('/api/auth/local/register', {
    username,
    email,
    password: BIDDER_PASSWORD,
  });
  const answer = body as { jwt?: string; user?: { id: number } } | null;
  if (status !== 200 || !answer?.jwt || !answer.user)
    throw new Error(`register ${username}: ${status} ${JSON.stringify(body).slice(0, 300)}`);
  return { id: answer.user.id, username, jwt: answer.jwt };
}
