import type { Core } from '@strapi/strapi';
import { BID_HISTORY_MAX_PAGE_SIZE, type PlaceBidAccepted } from '@car-auction/contracts';
import type { BidHistoryService } from '../services/bid-history';
import { isPlausibleAuctionId } from '../../../bids/bid-rules';
import type { BidIntakeService } from '../services/bid-intake';
import type { BidRateLimitService } from '../services/bid-rate-limit';
import { sendBidError } from '../../../bids/bid-errors';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async place(ctx: any) {
    const bidder = ctx.state.user as { id: number } | undefined;
    if (bidder) {
      const limits = strapi.service('api::bid.bid-rate-limit') as unknown as BidRateLimitService;
      // ctx.request.ip is the socket's address unless the server is configured to trust a proxy.
      const verdict = await limits.consume(ctx.request.ip, bidder.id);
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
    const intake = strapi.service('api::bid.bid-intake') as unknown as BidIntakeService;
    const outcome = await intake.placeBid({
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

  async history(ctx: any) {
    const page = Number(ctx.query.page ?? 1);
    const pageSize = Number(ctx.query.pageSize ?? 20);
    if (!Number.isInteger(page) || page < 1 || page > 10_000) return ctx.badRequest('page must be a whole number from 1');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > BID_HISTORY_MAX_PAGE_SIZE) {
      return ctx.badRequest(`pageSize must be a whole number from 1 to ${BID_HISTORY_MAX_PAGE_SIZE}`);
    }
    if (!isPlausibleAuctionId(ctx.params.id)) return ctx.notFound('No such auction');
    const history = strapi.service('api::bid.bid-history') as unknown as BidHistoryService;
    try {
      const result = await history.page(ctx.params.id, page, pageSize);
      ctx.body = {
        data: result.entries,
        meta: { pagination: { page, pageSize, total: result.total, pageCount: Math.ceil(result.total / pageSize) } },
      };
    } catch (err) {
      strapi.log.warn(`bid history unavailable: ${(err as Error).message}`);
      ctx.status = 503;
      ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'Bid history is unavailable right now; try again shortly', details: {} } };
    }
  },
});
