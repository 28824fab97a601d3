import type { Redis } from 'ioredis';

export interface OutbidMailRequest {
  userId: number;
  auctionId: string;
  /** The mail's id (its notification's): the claim's holder. */
  mailId: string;
}

export interface OutbidMailClaims {
  /**
   * For each request, in order: whether its mail may go out, that is whether
   * no other outbid mail to the user for the auction was let out within the
   * cooldown. A request asked again (a redelivered event) gets the same
   * answer while its claim lasts. Throws if Redis cannot answer.
   */
  claim(requests: readonly OutbidMailRequest[]): Promise<boolean[]>;
}

const claimKey = (userId: number, auctionId: string) => `notifier:outbid-mail:${userId}:${auctionId}`;

/**
 * The outbid coalescing window in Redis: one key per user and auction,
 * holding the id of the mail that opened the window and expiring with it.
 * `SET … NX GET` takes the window or says who holds it, in one step per
 * request and one round trip per batch; the store would need a scan per
 * batch for the same answer (FerretDB serves `$in` by scanning).
 */
export function outbidMailClaims(redis: Redis, cooldownMs: number): OutbidMailClaims {
  return {
    async claim(requests) {
      if (requests.length === 0) return [];
      if (cooldownMs <= 0) return requests.map(() => true);
      const pipeline = redis.pipeline();
      for (const r of requests) pipeline.call('SET', claimKey(r.userId, r.auctionId), r.mailId, 'PX', String(cooldownMs), 'NX', 'GET');
      const replies = (await pipeline.exec()) ?? [];
      return requests.map((request, i) => {
        const [err, holder] = replies[i] ?? [new Error('no reply from Redis'), null];
        if (err) throw err;
        return holder === null || holder === request.mailId;
      });
    },
  };
}
