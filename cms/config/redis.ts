import type { Core } from '@strapi/strapi';

// Read as strapi.config.get('redis') by the auction-state service.
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  url: env('REDIS_URL', 'redis://127.0.0.1:6379'),
});
