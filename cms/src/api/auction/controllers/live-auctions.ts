import type { Core } from '@strapi/strapi';
import type { ReserveStatusService } from '../services/reserve-status';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    const now = new Date();
    const auctions = await strapi.service('api::auction.live-auctions').findLive(now);
    // Output sanitising drops private attributes (the reserve price, the leader
    // relation) and relations the caller may not read, at every depth.
    const data = await strapi.contentAPI.sanitize.output(auctions, strapi.getModel('api::auction.auction'), {
      auth: ctx.state.auth,
    });
    await (strapi.service('api::auction.reserve-status') as unknown as ReserveStatusService).attach(data as any[]);
    // serverTime lets clients run countdowns on the server's clock.
    ctx.body = { data, meta: { serverTime: now.getTime() } };
  },
});
