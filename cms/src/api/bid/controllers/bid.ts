import type { Core } from '@strapi/strapi';
import type { PlaceBidAccepted } from '@car-auction/contracts';
import type { BidIntakeService } from '../services/bid-intake';
import { sendBidError } from '../../../bids/bid-errors';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async place(ctx: any) {
    const intake = strapi.service('api::bid.bid-intake') as unknown as BidIntakeService;
    const outcome = await intake.placeBid({
      auctionId: ctx.params.id,
      body: ctx.request.body,
      bidder: ctx.state.user,
      now: Date.now(),
    });
    if (!outcome.ok) return sendBidError(ctx, outcome.error);
    const body: PlaceBidAccepted = { data: outcome.accepted };
    ctx.status = 202;
    ctx.body = body;
  },
});
