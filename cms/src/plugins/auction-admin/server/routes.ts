import { END_AUCTION_ACTION, WITHDRAW_AUCTION_ACTION } from './permissions';

const allowed = (action: string) => ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }];

/** Admin-API routes (a panel user's token), under /auction-admin. */
export default {
  admin: {
    type: 'admin' as const,
    routes: [
      {
        method: 'POST' as const,
        path: '/auctions/:documentId/end',
        handler: 'auction-actions.end',
        config: { policies: allowed(END_AUCTION_ACTION) },
      },
      {
        method: 'POST' as const,
        path: '/auctions/:documentId/withdraw',
        handler: 'auction-actions.withdraw',
        config: { policies: allowed(WITHDRAW_AUCTION_ACTION) },
      },
    ],
  },
};
