// Loaded before the core router (files load in name order) so that
// /auctions/live is not taken for /auctions/:id.
export default {
  routes: [
    {
      method: 'GET',
      path: '/auctions/live',
      handler: 'api::auction.live-auctions.find',
      config: { policies: [], middlewares: [] },
    },
  ],
};
