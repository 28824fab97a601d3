import { cmsUrl } from './cms';

export interface Bidder {
  id: number;
  username: string;
  jwt: string;
}

let counter = 0;

export async function registerBidder(prefix = 'bidder'): Promise<Bidder> {
  const username = `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;
  const res = await fetch(`${cmsUrl()}/api/auth/local/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, email: `${username}@example.test`, password: 'Secret-pass-123' }),
  });
  const body = (await res.json()) as any;
  if (res.status !== 200) throw new Error(`register: ${res.status} ${JSON.stringify(body)}`);
  return { id: body.user.id, username, jwt: body.jwt };
}

export interface PlacedBid {
  auctionId: string;
  status: number;
  bidId?: string;
  placedAt?: number;
  amount: number;
  bidder: Bidder;
  error?: { message: string; details: { code: string; bidId?: string } };
  /** A 503 with an Idempotency-Key names the bid that may still count (the stream took it but did not confirm). */
  maybeBidId?: string;
}

export async function placeBid(bidder: Bidder, auctionId: string, amount: number, idempotencyKey?: string): Promise<PlacedBid> {
  const res = await fetch(`${cmsUrl()}/api/auctions/${auctionId}/bids`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${bidder.jwt}`,
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: JSON.stringify({ amount }),
  });
  const body = (await res.json()) as any;
  return {
    auctionId, status: res.status, bidId: body.data?.bidId, placedAt: body.data?.placedAt, amount, bidder, error: body.error,
    maybeBidId: res.status === 503 ? body.error?.details?.bidId : undefined,
  };
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pooled<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  });
  await Promise.all(lanes);
  return results;
}
