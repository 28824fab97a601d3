import type { Core } from '@strapi/strapi';
import { sendBidError } from '../../../bids/bid-errors';
import { getService } from '../../../utils/get-service';

/**
 * The bid route's limits per bidder and per address (services/bid-rate-limit.ts),
 * after bidder-auth has said who is bidding. Every attempt that gets this far
 * counts, whether or not the bid is then accepted.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  return async (ctx, next) => {
    const bidder = ctx.state.user as { id: number } | undefined;
    if (bidder) {
      // ctx.request.ip is the socket's address unless the server is configured to trust a proxy.
      const verdict = await getService(strapi, 'api::bid.bid-rate-limit').consume(ctx.request.ip, bidder.id);
      if (!verdict.ok) {
        const who = verdict.scope === 'bidder' ? 'from you' : 'from your network';
        return sendBidError(ctx, {
          status: 429,
          code: 'rate_limited',
          message: `Too many bids ${who}; try again in ${verdict.retryAfterSeconds} s`,
          details: { retryAfterSeconds: verdict.retryAfterSeconds },
        });
      }
    }
    await next();
  };
};
