import type { Core } from '@strapi/strapi';
import { ensureAdminAccounts } from './bootstrap/admin-accounts';
import { ensureRolePermissions } from './bootstrap/permissions';
import { ensureWorkerToken } from './bootstrap/worker-token';
import { seedDemoData } from './seed/seed-demo-data';
import { getService } from './utils/get-service';

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
        const documentId =
          (context.params as { documentId?: string } | undefined)?.documentId ?? (result as { documentId?: string } | null)?.documentId;
        if (documentId) {
          await getService(strapi, 'api::auction.auction-state')
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
    await getService(strapi, 'api::auction.auction-state').start();
    await getService(strapi, 'api::bid.bid-producer').start();
    await getService(strapi, 'api::bid.bid-history').start();
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await getService(strapi, 'api::bid.bid-producer').stop();
    await getService(strapi, 'api::auction.auction-state').stop();
    await getService(strapi, 'api::bid.bid-history').stop();
  },
};
