export default {
  routes: [
    {
      // Internal: only the stream worker's API token holds these actions (see
      // src/bootstrap/worker-token.ts); no users-permissions role does. The
      // worker's post-backs, every auction due in one request (see
      // AUCTION_PROJECTION_BATCH_MAX in contracts).
      method: 'PUT',
      path: '/internal/auctions/projections',
      handler: 'api::auction-projection.auction-projection.applyBatch',
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
