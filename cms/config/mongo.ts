import type { Core } from '@strapi/strapi';

// The bid ledger (read-only here: the stream worker writes it).
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  url: env('MONGO_URL', 'mongodb://127.0.0.1:27017/car-auction'),
});
