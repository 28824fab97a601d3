import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { BID_HISTORY_MAX_PAGE_SIZE, type PlaceBidAccepted } from '@car-auction/contracts';
import { isPlausibleAuctionId } from '../../../bids/bid-rules';
import { sendBidError } from '../../../bids/bid-errors';
import { getService } from '../../../utils/get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  // Who is bidding, and whether they may bid this often, the route's middlewares have settled (routes/bid.ts).
  async place(ctx: Context) {
    const outcome = await getService(strapi, 'api::bid.bid-intake').placeBid({
      auctionId: ctx.params.id,
      body: ctx.request.body,
      idempotencyKey: ctx.get('idempotency-key'),
      bidder: ctx.state.user,
      now: Date.now(),
    });
    if (!outcome.ok) return sendBidError(ctx, outcome.error);
    const body: PlaceBidAccepted = { data: outcome.accepted };
    ctx.status = 202;
    ctx.body = body;
  },

  async history(ctx: Context) {
    const page = Number(ctx.query.page ?? 1);
    const pageSize = Number(ctx.query.pageSize ?? 20);
    if (!Number.isInteger(page) || page < 1 || page > 10_000) return ctx.badRequest('page must be a whole number from 1');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > BID_HISTORY_MAX_PAGE_SIZE) {
      return ctx.badRequest(`pageSize must be a whole number from 1 to ${BID_HISTORY_MAX_PAGE_SIZE}`);
    }
    if (!isPlausibleAuctionId(ctx.params.id)) return ctx.notFound('No such auction');
    try {
      const result = await getService(strapi, 'api::bid.bid-history').page(ctx.params.id, page, pageSize);
      ctx.body = {
        data: result.entries,
        meta: { pagination: { page, pageSize, total: result.total, pageCount: Math.ceil(result.total / pageSize) } },
      };
    } catch (err) {
      strapi.log.warn(`bid history unavailable: ${(err as Error).message}`);
      return ctx.serviceUnavailable('Bid history is unavailable right now; try again shortly');
    }
  },
});
