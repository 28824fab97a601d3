import type { Core } from '@strapi/strapi';

/** The admin panel's live feed: the Socket.IO gateway as the browser reaches it. */
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  realtimeUrl: env('REALTIME_PUBLIC_URL', 'http://localhost:4000'),
});
