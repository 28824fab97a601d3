import type { Core } from '@strapi/strapi';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { getService } from '../../../utils/get-service';

export interface BidRateLimitConfig {
  windowSeconds: number;
  perBidder: number;
  perIp: number;
  keyPrefix: string;
}

export type RateLimitVerdict = { ok: true } | { ok: false; scope: 'bidder' | 'ip'; retryAfterSeconds: number };

export interface BidRateLimitService {
  /** Counts one bid attempt against the bidder and the address it came from. */
  consume(ip: string, bidderId: number): Promise<RateLimitVerdict>;
}

/**
 * Redis-backed fixed-window limits per bidder and per client address
 * (rate-limiter-flexible, one atomic Redis step per key). Every attempt counts,
 * refused ones included, so hammering with bad bids is limited too. If Redis
 * cannot answer, or is not connected at all, the attempt is let through: the
 * bid check right after needs Redis as well and answers 503 on its own, and a
 * limiter must not be the thing that takes bidding down (or slows its 503).
 */
export default ({ strapi }: { strapi: Core.Strapi }): BidRateLimitService => {
  const config = strapi.config.get('bid-rate-limit') as BidRateLimitConfig;
  let limiters: { bidder: RateLimiterRedis; ip: RateLimiterRedis } | null = null;

  const get = () => {
    if (!limiters) {
      const storeClient = getService(strapi, 'api::auction.auction-state').redis();
      const common = { storeClient, duration: config.windowSeconds, useRedisPackage: false };
      limiters = {
        bidder: new RateLimiterRedis({ ...common, keyPrefix: `${config.keyPrefix}:bidder`, points: config.perBidder }),
        ip: new RateLimiterRedis({ ...common, keyPrefix: `${config.keyPrefix}:ip`, points: config.perIp }),
      };
    }
    return limiters;
  };

  const check = async (scope: 'bidder' | 'ip', key: string): Promise<RateLimitVerdict> => {
    if (!getService(strapi, 'api::auction.auction-state').redisReady()) return { ok: true };
    try {
      await get()[scope].consume(key);
      return { ok: true };
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        return { ok: false, scope, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
      }
      strapi.log.warn(`bid rate limit unavailable (${scope}): ${(err as Error).message}`);
      return { ok: true };
    }
  };

  return {
    async consume(ip, bidderId) {
      const byIp = await check('ip', ip);
      if (!byIp.ok) return byIp;
      return check('bidder', String(bidderId));
    },
  };
};
