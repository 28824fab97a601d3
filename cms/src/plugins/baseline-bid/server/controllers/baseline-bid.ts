import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { sendBidError } from '../../../../bids/bid-errors';
import { getService } from '../../../../utils/get-service';

/** Parses nothing itself: the service checks and decides, the controller answers. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async place(ctx: Context) {
    const outcome = await getService(strapi, 'plugin::baseline-bid.baseline-bid').placeBid({
      auctionId: ctx.params.id,
      body: ctx.request.body,
      bidder: ctx.state.user,
      now: Date.now(),
    });
    if (!outcome.ok) return sendBidError(ctx, outcome.error);
    // 201, not 202: unlike the real route, the bid is decided when this answers.
    ctx.status = 201;
    ctx.body = { data: outcome.accepted };
  },
});
