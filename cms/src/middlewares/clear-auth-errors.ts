import type { Core } from '@strapi/strapi';
import { bidErrorBody } from '../bids/bid-errors';

const BID_PATH = /^\/api\/auctions\/[^/]+\/bids\/?$/;

/**
 * Strapi answers a bid without a token with a bare "403 Forbidden" and one with
 * a bad or expired token with "401 Missing or invalid credentials". A bidder
 * should read what to do instead: both become a 401 in the bid endpoint's own
 * envelope. Other routes keep Strapi's answers.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: any, next: () => Promise<void>) => {
    if (!(ctx.method === 'POST' && BID_PATH.test(ctx.path))) return next();
    const rewrite = (status: unknown, why: unknown) => {
      const unauthenticated = status === 401 || (status === 403 && !ctx.state?.user);
      if (!unauthenticated) return false;
      strapi.log.debug(`bid refused before the controller: ${String(why)}`);
      ctx.status = 401;
      ctx.body = bidErrorBody({
        status: 401,
        code: 'unauthorized',
        message: 'Log in to place a bid: the request has no valid access token (missing, malformed or expired)',
      });
      return true;
    };
    // Strapi's auth either throws (no token, no permission) or answers itself (bad token).
    try {
      await next();
    } catch (err: any) {
      if (!rewrite(err?.status ?? err?.statusCode, err?.message)) throw err;
      return;
    }
    rewrite(ctx.status, ctx.body?.error?.message);
  };
};
