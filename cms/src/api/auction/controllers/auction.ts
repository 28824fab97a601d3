import { factories } from '@strapi/strapi';
import type { OutputAuction } from '../services/auction-view';
import { getService } from '../../../utils/get-service';

/** The core controller, its answers dressed for bidders' screens by the auction-view service. */
export default factories.createCoreController('api::auction.auction', ({ strapi }) => {
  const view = () => getService(strapi, 'api::auction.auction-view');
  return {
    async find(ctx) {
      const readAt = Date.now();
      const { data, meta } = (await super.find(ctx)) as { data: OutputAuction[]; meta: Record<string, unknown> };
      return view().present(data, meta, readAt);
    },
    async findOne(ctx) {
      const readAt = Date.now();
      const result = (await super.findOne(ctx)) as { data: OutputAuction | null; meta: Record<string, unknown> } | undefined;
      // The core controller has already answered 404 when there is no such auction.
      if (!result?.data) return result;
      return view().present(result.data, result.meta, readAt);
    },
  };
});
