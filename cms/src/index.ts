import type { Core } from '@strapi/strapi';
import type { BidProducerService } from './api/bid/services/bid-producer';
import type { AuctionStateService } from './api/auction/services/auction-state';
import type { BidHistoryService } from './api/bid/services/bid-history';
import { ensureAdminAccounts } from './bootstrap/admin-accounts';
import { ensureRolePermissions } from './bootstrap/permissions';
import { ensureWorkerToken } from './bootstrap/worker-token';
import { seedDemoData } from './seed/seed-demo-data';

const bidProducer = (strapi: Core.Strapi) => strapi.service('api::bid.bid-producer') as unknown as BidProducerService;
const bidHistory = (strapi: Core.Strapi) => strapi.service('api::bid.bid-history') as unknown as BidHistoryService;
const auctionState = (strapi: Core.Strapi) => strapi.service('api::auction.auction-state') as unknown as AuctionStateService;

/** Document actions after which an auction's configuration in Redis must be rewritten. */
const AUCTION_CHANGES = new Set(['create', 'update', 'publish', 'unpublish', 'delete', 'discardDraft']);

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Whoever changes an auction (admin panel, REST, seed), the worker's copy of its
    // configuration follows. A Redis failure is logged, not thrown: the edit is
    // saved, and the bid endpoint heals a missing configuration on first use.
    strapi.documents.use(async (context, next) => {
      const result = await next();
      if (context.uid === 'api::auction.auction' && AUCTION_CHANGES.has(context.action)) {
        const documentId = (context.params as any)?.documentId ?? (result as any)?.documentId;
        if (documentId) {
          await auctionState(strapi)
            .sync(documentId)
            .catch((err) => strapi.log.warn(`auction ${documentId}: configuration not synced to Redis: ${err.message}`));
        }
      }
      return result;
    });
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureRolePermissions(strapi);
    await ensureAdminAccounts(strapi);
    await ensureWorkerToken(strapi);
    if (process.env.SEED_DEMO_DATA !== 'false') await seedDemoData(strapi);
    await auctionState(strapi).start();
    await bidProducer(strapi).start();
    await bidHistory(strapi).start();
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await bidProducer(strapi).stop();
    await auctionState(strapi).stop();
    await bidHistory(strapi).stop();
  },
};
