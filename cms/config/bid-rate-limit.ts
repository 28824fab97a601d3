import type { Core } from '@strapi/strapi';

/**
 * Limits on the bid route, counted in Redis so every cms instance behind a load
 * balancer shares them. A person bidding by hand never comes near the bidder
 * limit; the IP limit is higher because many bidders may share one address.
 * Read as strapi.config.get('bid-rate-limit').
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  windowSeconds: env.int('BID_RATE_LIMIT_WINDOW_SECONDS', 10),
  perBidder: env.int('BID_RATE_LIMIT_PER_BIDDER', 20),
  perIp: env.int('BID_RATE_LIMIT_PER_IP', 300),
  /** Separates the counters of environments that share one Redis. */
  keyPrefix: env('BID_RATE_LIMIT_KEY_PREFIX', 'rate:bid'),
});
