import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { readBidBody } from '../bids/read-bid-body';
import { auctionNotFound, sendBidError } from '../bids/bid-errors';
import { placeBidRoute } from '../api/bid/routes/bid';
import { assertServableWithoutRouter, composeSteps, resolveRoutePipeline, routePathMatcher } from '../http/route-pipeline';

/** Reads the JSON body, which the lane skips Strapi's body parser for. */
const readBody: Core.MiddlewareHandler = async (ctx, next) => {
  const body = await readBidBody(ctx);
  if (!body.ok) {
    if ('aborted' in body) return;
    return sendBidError(ctx, body.error);
  }
  ctx.request.body = body.body;
  await next();
};

/**
 * Serves bids (POST /api/auctions/:id/bids, the one route that takes bidding
 * load) without the rest of Strapi's chain. Under load, the middlewares after
 * this one (query parsing, koa-body with multipart support, the session
 * cookie, favicon and public files, the router matching every route in turn,
 * the content API's route pipeline) cost more CPU than the bid itself. The
 * ones before it still run, so a bid gets the same logging, error envelope,
 * security headers, CORS and body guard as any request.
 *
 * What follows comes from the route's one declaration (api/bid/routes/bid.ts):
 * its path, its middlewares in order, then its handler; the body is read just
 * before the handler, so a request the middlewares refuse (no token, too many
 * bids) is answered without reading it. The router still serves the route
 * too, for what this exact pattern misses (it also matches other letter cases).
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  assertServableWithoutRouter(placeBidRoute);
  const match = routePathMatcher(strapi.config.get('api.rest.prefix', '/api') as string, placeBidRoute.path);
  let run: ((ctx: Context) => Promise<void>) | null = null;

  // Built on first use: controllers and route middlewares exist only once Strapi has loaded the APIs.
  const build = () => {
    const { middlewares, handler } = resolveRoutePipeline(strapi, placeBidRoute);
    return composeSteps([...middlewares, readBody, handler]);
  };

  return async (ctx: Context, next: () => Promise<void>) => {
    if (ctx.method !== placeBidRoute.method) return next();
    const encoded = match(ctx.path);
    if (!encoded) return next();
    try {
      ctx.params = Object.fromEntries(Object.entries(encoded).map(([name, value]) => [name, decodeURIComponent(value)]));
    } catch {
      return sendBidError(ctx, auctionNotFound());
    }
    // As the router's route-info step does, for middlewares that read it.
    ctx.state.route = { ...placeBidRoute, config: placeBidRoute.config ?? {} };
    run ??= build();
    await run(ctx);
  };
};
