import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import type { OutputAuction } from '../services/auction-view';
import { getService } from '../../../utils/get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const now = new Date();
    const auctions = await getService(strapi, 'api::auction.live-auctions').findLive(now);
    // Output sanitising drops private attributes (the reserve price, the leader
    // relation) and relations the caller may not read, at every depth.
    const data = (await strapi.contentAPI.sanitize.output(auctions, strapi.getModel('api::auction.auction'), {
      auth: ctx.state.auth,
    })) as OutputAuction[];
    ctx.body = await getService(strapi, 'api::auction.auction-view').present(data, {}, now.getTime());
  },
});
