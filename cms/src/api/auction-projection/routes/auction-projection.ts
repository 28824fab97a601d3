export default {
  routes: [
    {
      // Internal: only the stream worker's API token holds this action (see
      // src/bootstrap/worker-token.ts); no users-permissions role does.
      method: 'PUT',
      path: '/internal/auctions/:id/projection',
      handler: 'api::auction-projection.auction-projection.apply',
      config: { policies: [], middlewares: [] },
    },
  ],
};
