/**
 * POST /api/baseline/auctions/:id/bids. `prefix: ''` keeps the URL it had as
 * an API route; a plugin's content-API routes are otherwise under
 * /api/baseline-bid/.
 *
 * Authentication: Strapi's users-permissions auth, a token check and the
 * user, role and permission lookups on every request. (The real bid route has
 * since moved to its own bidder-auth middleware, which caches those lookups for
 * a few seconds; the baseline does not get that cache.) The Authenticated role
 * needs `plugin::baseline-bid.baseline-bid.place`, which
 * src/bootstrap/permissions.ts does not grant (and must not: bidders of the
 * product never get it). The bench grants it at run time through the
 * users-permissions admin API, on its own throw-away database
 * (grantRolePermission in bench/src/setup/admin-api.ts, called from
 * bench/src/main.ts). A route with `auth: false` and our own JWT check would
 * need no grant, but would skip the role lookup and so flatter the baseline.
 */
export default {
  'content-api': {
    type: 'content-api' as const,
    routes: [
      {
        method: 'POST' as const,
        path: '/baseline/auctions/:id/bids',
        handler: 'plugin::baseline-bid.baseline-bid.place',
        config: { prefix: '', policies: [], middlewares: [] },
      },
    ],
  },
};
