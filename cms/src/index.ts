import type { Core } from '@strapi/strapi';
import type { BidProducerService } from './api/bid/services/bid-producer';
import { ensureAdminAccounts } from './bootstrap/admin-accounts';
import { ensureRolePermissions } from './bootstrap/permissions';
import { ensureWorkerToken } from './bootstrap/worker-token';
import { seedDemoData } from './seed/seed-demo-data';

const bidProducer = (strapi: Core.Strapi) => strapi.service('api::bid.bid-producer') as unknown as BidProducerService;

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureRolePermissions(strapi);
    await ensureAdminAccounts(strapi);
    await ensureWorkerToken(strapi);
    if (process.env.SEED_DEMO_DATA !== 'false') await seedDemoData(strapi);
    await bidProducer(strapi).start();
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await bidProducer(strapi).stop();
  },
};
