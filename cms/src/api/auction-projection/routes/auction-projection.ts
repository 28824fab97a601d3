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
    {
      // Internal, worker token only: after Redis lost its data, the worker asks
      // for every published auction's configuration to be written again before
      // it replays the ledger on top.
      method: 'POST',
      path: '/internal/auctions/config-sync',
      handler: 'api::auction-projection.auction-projection.syncConfig',
      config: { policies: [], middlewares: [] },
    },
  ],
};
