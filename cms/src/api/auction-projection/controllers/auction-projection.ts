import type { Core } from '@strapi/strapi';
import { auctionProjectionSchema } from '@car-auction/contracts';
import { isPlausibleAuctionId } from '../../../bids/bid-rules';
import type { AuctionProjectionService } from '../services/auction-projection';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async apply(ctx: any) {
    const parsed = auctionProjectionSchema.safeParse(ctx.request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return ctx.badRequest(`invalid projection: ${issue?.path.join('.') || 'body'}: ${issue?.message}`);
    }
    if (!isPlausibleAuctionId(ctx.params.id)) return ctx.notFound('No such auction');
    const service = strapi.service('api::auction-projection.auction-projection') as unknown as AuctionProjectionService;
    const result = await service.apply(ctx.params.id, parsed.data);
    if (result === 'not_found') return ctx.notFound('No such auction');
    ctx.body = { data: { applied: result === 'applied', version: parsed.data.version } };
  },
});
