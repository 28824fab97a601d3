export default {
  routes: [
    {
      // Authenticated by the route's own middleware (users-permissions tokens, the
      // role must hold api::bid.bid.place, granted at bootstrap in
      // src/bootstrap/permissions.ts), not by Strapi's per-request lookups: see
      // middlewares/bidder-auth.ts.
      method: 'POST',
      path: '/auctions/:id/bids',
      handler: 'api::bid.bid.place',
      config: { auth: false, policies: [], middlewares: ['api::bid.bidder-auth'] },
    },
    {
      // Public: accepted bids from the worker's ledger, newest first, names masked.
      method: 'GET',
      path: '/auctions/:id/bids',
      handler: 'api::bid.bid.history',
      config: { policies: [], middlewares: [] },
    },
  ],
};
