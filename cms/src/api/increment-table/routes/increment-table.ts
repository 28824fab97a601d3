import { factories } from '@strapi/strapi';

// Read-only on the content API (the bidding app may read tables); admins edit them in the Content Manager.
export default factories.createCoreRouter('api::increment-table.increment-table', { only: ['find', 'findOne'] });
