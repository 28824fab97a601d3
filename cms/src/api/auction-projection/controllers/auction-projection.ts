import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { auctionProjectionBatchSchema } from '@car-auction/contracts';
import { getService } from '../../../utils/get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async applyBatch(ctx: Context) {
    const parsed = auctionProjectionBatchSchema.safeParse(ctx.request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return ctx.badRequest(`invalid projection batch: ${issue?.path.join('.') || 'body'}: ${issue?.message}`);
    }
    ctx.body = { data: await getService(strapi, 'api::auction-projection.auction-projection').applyBatch(parsed.data.data) };
  },

  async syncConfig(ctx: Context) {
    try {
      ctx.body = { data: { synced: await getService(strapi, 'api::auction.auction-state').syncAllPublished() } };
    } catch (err) {
      strapi.log.warn(`config sync for the worker failed: ${(err as Error).message}`);
      return ctx.serviceUnavailable('Redis is not reachable from the cms');
    }
  },
});
