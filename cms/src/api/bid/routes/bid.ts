export default {
  routes: [
    {
      // Authenticated through users-permissions; the Authenticated role holds
      // api::bid.bid.place (granted at bootstrap, see src/bootstrap/permissions.ts).
      method: 'POST',
      path: '/auctions/:id/bids',
      handler: 'api::bid.bid.place',
      config: { policies: [], middlewares: [] },
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
