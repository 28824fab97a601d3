import { pooled } from '@car-auction/test-support/pool';
import { postJsonTo, registerBidder, type Bidder } from '@car-auction/test-support/bidders';

export type { Bidder };

/**
 * Registers bidders through the public API (users-permissions), each with its
 * own access token; load rotates over them so the per-bidder rate limit and the
 * per-request user lookups see many users, as in production.
 */
export function registerBidders(cmsUrl: string, count: number, runTag: string): Promise<Bidder[]> {
  const post = postJsonTo(cmsUrl);
  const tasks = Array.from({ length: count }, (_, i) => () => registerBidder(post, `bench${runTag}b${i}`));
  // Password hashing dominates; a few at a time keeps both cores busy.
  return pooled(tasks, 4);
}
