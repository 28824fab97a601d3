import type { Core } from '@strapi/strapi';
import { auctionProjectionBatchSchema, auctionProjectionSchema } from '@car-auction/contracts';
import { isPlausibleAuctionId } from '../../../bids/bid-rules';
import type { AuctionProjectionService } from '../services/auction-projection';
import type { AuctionStateService } from '../../auction/services/auction-state';

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

  async applyBatch(ctx: any) {
    const parsed = auctionProjectionBatchSchema.safeParse(ctx.request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return ctx.badRequest(`invalid projection batch: ${issue?.path.join('.') || 'body'}: ${issue?.message}`);
    }
    const service = strapi.service('api::auction-projection.auction-projection') as unknown as AuctionProjectionService;
    ctx.body = { data: await service.applyBatch(parsed.data.data) };
  },

  async syncConfig(ctx: any) {
    const state = strapi.service('api::auction.auction-state') as unknown as AuctionStateService;
    try {
      ctx.body = { data: { synced: await state.syncAllPublished() } };
    } catch (err) {
      strapi.log.warn(`config sync for the worker failed: ${(err as Error).message}`);
      ctx.status = 503;
      ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'Redis is not reachable from the cms', details: {} } };
    }
  },
});
