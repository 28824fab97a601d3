import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::increment-table.increment-table');
