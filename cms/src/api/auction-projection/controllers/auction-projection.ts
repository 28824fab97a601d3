import type { Core } from '@strapi/strapi';
import { auctionProjectionBatchSchema, auctionProjectionSchema } from '@car-auction/contracts';
import { isPlausibleAuctionId } from '../../../bids/bid-rules';
import { getService } from '../../../utils/get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async apply(ctx: any) {
    const parsed = auctionProjectionSchema.safeParse(ctx.request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return ctx.badRequest(`invalid projection: ${issue?.path.join('.') || 'body'}: ${issue?.message}`);
    }
    if (!isPlausibleAuctionId(ctx.params.id)) return ctx.notFound('No such auction');
    const result = await getService(strapi, 'api::auction-projection.auction-projection').apply(ctx.params.id, parsed.data);
    if (result === 'not_found') return ctx.notFound('No such auction');
    ctx.body = { data: { applied: result === 'applied', version: parsed.data.version } };
  },

  async applyBatch(ctx: any) {
    const parsed = auctionProjectionBatchSchema.safeParse(ctx.request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return ctx.badRequest(`invalid projection batch: ${issue?.path.join('.') || 'body'}: ${issue?.message}`);
    }
    ctx.body = { data: await getService(strapi, 'api::auction-projection.auction-projection').applyBatch(parsed.data.data) };
  },

  async syncConfig(ctx: any) {
    try {
      ctx.body = { data: { synced: await getService(strapi, 'api::auction.auction-state').syncAllPublished() } };
    } catch (err) {
      strapi.log.warn(`config sync for the worker failed: ${(err as Error).message}`);
      ctx.status = 503;
      ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'Redis is not reachable from the cms', details: {} } };
    }
  },
});
