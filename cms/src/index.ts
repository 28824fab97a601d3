import type { Core } from '@strapi/strapi';
import { ensureAdminAccounts } from './bootstrap/admin-accounts';
import { ensureRolePermissions } from './bootstrap/permissions';
import { ensureWorkerToken } from './bootstrap/worker-token';
import { applyContentManagerConfiguration } from './bootstrap/content-manager-config';
import { seedDemoData } from './seed/seed-demo-data';
import { getService } from './utils/get-service';
import { auctionConfigSync } from './documents/auction-config-sync';
import { incrementTableRules } from './documents/increment-tables';
import { auctionEditRules } from './documents/auction-edit-rules';
import { saleEditRules } from './documents/sale-edit-rules';
import { seedDefaultIncrementTable } from './seed/default-increment-table';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Whoever writes (admin panel, REST, seed, code): auctions' configuration in Redis follows
    // their edits and their increment tables' edits; a table the auction library cannot use is refused.
    strapi.documents.use(incrementTableRules(strapi));
    // Before the sync: a refused edit reaches neither the database nor Redis.
    strapi.documents.use(auctionEditRules(strapi));
    strapi.documents.use(saleEditRules(strapi));
    strapi.documents.use(auctionConfigSync(strapi));
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureRolePermissions(strapi);
    await ensureAdminAccounts(strapi);
    await ensureWorkerToken(strapi);
    await applyContentManagerConfiguration(strapi);
    await seedDefaultIncrementTable(strapi);
    if (process.env.SEED_DEMO_DATA !== 'false') await seedDemoData(strapi);
    await getService(strapi, 'api::auction.auction-state').start();
    await getService(strapi, 'api::bid.bid-producer').start();
    await getService(strapi, 'api::bid.bid-history').start();
    const missedSales = await getService(strapi, 'api::sale.sale-recorder').reconcile();
    if (missedSales > 0) strapi.log.info(`recorded ${missedSales} sales of auctions that closed sold without one`);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await getService(strapi, 'api::bid.bid-producer').stop();
    await getService(strapi, 'api::auction.auction-state').stop();
    await getService(strapi, 'api::bid.bid-history').stop();
  },
};
