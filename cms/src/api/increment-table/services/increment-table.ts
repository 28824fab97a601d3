import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::increment-table.increment-table');
