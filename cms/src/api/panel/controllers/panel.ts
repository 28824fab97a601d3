import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  config(ctx: Context) {
    const { realtimeUrl } = strapi.config.get('panel') as { realtimeUrl: string };
    ctx.body = { data: { realtimeUrl } };
  },
});
