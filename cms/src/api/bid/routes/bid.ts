import type { Core } from '@strapi/strapi';

/**
 * POST /auctions/:id/bids. Authenticated by the route's own middleware
 * (users-permissions tokens, the role must hold api::bid.bid.place, granted at
 * bootstrap in src/bootstrap/permissions.ts), not by Strapi's per-request
 * lookups: see middlewares/bidder-auth.ts. Then rate-limited per bidder and per
 * address (middlewares/bid-rate-limit.ts). The one declaration of the bid
 * pipeline: the router serves it, and so does the bid fast lane
 * (src/middlewares/bid-fast-lane.ts), which runs these middlewares in order
 * and then the handler.
 */
export const placeBidRoute: Core.RouteInput = {
  method: 'POST',
  path: '/auctions/:id/bids',
  handler: 'api::bid.bid.place',
  config: { auth: false, policies: [], middlewares: ['api::bid.bidder-auth', 'api::bid.bid-rate-limit'] },
};

export default {
  routes: [
    placeBidRoute,
    {
      // Public: accepted bids from the worker's ledger, newest first, names masked.
      method: 'GET',
      path: '/auctions/:id/bids',
      handler: 'api::bid.bid.history',
      config: { policies: [], middlewares: [] },
    },
  ],
};
