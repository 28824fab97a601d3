import type { Core } from '@strapi/strapi';
import auctionActions from './server/auction-actions';
import controller from './server/controller';
import { PERMISSION_ACTIONS } from './server/permissions';
import routes from './server/routes';

/**
 * What admins do to a running auction, beyond editing it: end it now, or
 * withdraw it with a reason bidders see. A local plugin because only a
 * plugin's routes can be admin-API routes (a panel user's token and
 * permissions); the buttons are document actions of the auction's edit view
 * (src/admin/actions).
 */
export default {
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await strapi.service('admin::permission').actionProvider.registerMany(PERMISSION_ACTIONS);
  },
  routes,
  controllers: { 'auction-actions': controller },
  services: { 'auction-actions': auctionActions },
};
