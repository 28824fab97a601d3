/**
 * The naive baseline the benchmark (bench/) compares the Kafka bid path with:
 * each bid decided and written inside the CMS database. It is not part of the
 * product, so it has no route at all unless BASELINE_BID_ROUTE=true (the bench
 * sets it on the cms it starts; nothing else does).
 *
 * Authentication: the default users-permissions auth, exactly as the real bid
 * route (POST /api/auctions/:id/bids). Both routes then pay the same price per
 * request (token check, user and role-permission lookups), so the comparison
 * measures the bid handling and not two different auth paths. The trade-off is
 * that the Authenticated role needs `api::baseline-bid.baseline-bid.place`,
 * which src/bootstrap/permissions.ts does not grant (and must not: bidders of
 * the product never get it). The bench grants it at run time through the
 * users-permissions admin API, on its own throw-away database (see
 * bench/src/setup/grant-baseline-permission.ts). A route with `auth: false` and
 * our own JWT check would need no grant, but would skip the role lookup the real
 * route pays for and so flatter the baseline.
 */
const enabled = process.env.BASELINE_BID_ROUTE === 'true';

export default {
  routes: enabled
    ? [
        {
          method: 'POST',
          path: '/baseline/auctions/:id/bids',
          handler: 'api::baseline-bid.baseline-bid.place',
          config: { policies: [], middlewares: [] },
        },
      ]
    : [],
};
