import { factories } from '@strapi/strapi';
import { getService } from '../../../utils/get-service';

/**
 * The core controller, plus what a bidder's screen needs that the stored
 * fields do not say: whether the reserve is met, and the server's clock
 * (`meta.serverTime`) so countdowns do not trust the browser's.
 */
export default factories.createCoreController('api::auction.auction', ({ strapi }) => {
  const reserve = () => getService(strapi, 'api::auction.reserve-status');
  return {
    async find(ctx) {
      const now = Date.now();
      const result = (await super.find(ctx)) as { data: any[]; meta: Record<string, unknown> };
      await reserve().attach(result.data);
      return { data: result.data, meta: { ...result.meta, serverTime: now } };
    },
    async findOne(ctx) {
      const now = Date.now();
      const result = (await super.findOne(ctx)) as { data: any; meta: Record<string, unknown> } | undefined;
      // The core controller has already answered 404 when there is no such auction.
      if (!result?.data) return result;
      await reserve().attach([result.data]);
      return { data: result.data, meta: { ...result.meta, serverTime: now } };
    },
  };
});
