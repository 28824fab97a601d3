import type { Core } from '@strapi/strapi';
import { readBidBody } from '../bids/read-bid-body';
import { sendBidError } from '../bids/bid-errors';

/** POST /api/auctions/:id/bids, the one route that takes bidding load. */
const BID_PATH = /^\/api\/auctions\/([^/]{1,256})\/bids\/?$/;

type Middleware = (ctx: any, next: () => Promise<void>) => Promise<void>;

/**
 * Serves bids without the rest of Strapi's chain. Under load, the middlewares
 * after this one (query parsing, koa-body with multipart support, the session
 * cookie, favicon and public files, the router matching every route in turn,
 * the content API's route pipeline) cost more CPU than the bid itself. The
 * ones before it still run, so a bid gets the same logging, error envelope,
 * security headers, CORS and body guard as any request. What follows is the
 * route's own pipeline, unchanged: the bidder-auth middleware, then the bid
 * controller's `place`. The route stays declared in api/bid/routes/bid.ts: it
 * names the permission roles are granted, and still serves what this exact
 * pattern misses (the router also matches other letter cases).
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  let pipeline: { auth: Middleware; place: (ctx: any) => Promise<void> } | null = null;

  // Built on first use: controllers and route middlewares exist only once Strapi has loaded the APIs.
  const build = () => {
    const authFactory = strapi.middleware('api::bid.bidder-auth') as unknown as (config: unknown, ctx: { strapi: Core.Strapi }) => Middleware;
    const controller = strapi.controller('api::bid.bid') as unknown as { place(ctx: any): Promise<void> };
    return { auth: authFactory({}, { strapi }), place: (ctx: any) => controller.place(ctx) };
  };

  return async (ctx: any, next: () => Promise<void>) => {
    if (ctx.method !== 'POST') return next();
    const match = BID_PATH.exec(ctx.path);
    if (!match) return next();
    let id: string;
    try {
      id = decodeURIComponent(match[1]!);
    } catch {
      return sendBidError(ctx, { status: 404, code: 'auction_not_found', message: 'No auction with this id is open for bidding' });
    }
    pipeline ??= build();
    const { auth, place } = pipeline;
    ctx.params = { id };
    await auth(ctx, async () => {
      const body = await readBidBody(ctx);
      if (!body.ok) {
        if ('aborted' in body) return;
        return sendBidError(ctx, body.error);
      }
      ctx.request.body = body.body;
      await place(ctx);
    });
  };
};
