import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { isJsonMediaType, mediaTypeOf } from '../http/json-content-type';

/**
 * Turns bodies the API does not speak into a 415 before the body parser sees
 * them. Compressed request bodies made the parser throw a bare zlib error,
 * which Strapi answered with a 500; and JSON declared in another charset than
 * UTF-8 (RFC 8259) was read as UTF-8 anyway. Content API only: the admin panel
 * keeps Strapi's own handling.
 */
export default (_config: unknown, _ctx: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: () => Promise<void>) => {
    if (!ctx.path.startsWith('/api/') || (!ctx.request.length && !ctx.get('transfer-encoding'))) return next();
    const refuse = (message: string) => ctx.unsupportedMediaType(message);
    const encoding = ctx.get('content-encoding').trim().toLowerCase();
    if (encoding !== '' && encoding !== 'identity') return refuse('Send the request body uncompressed (no Content-Encoding)');
    const type = mediaTypeOf(ctx.get('content-type'));
    const charset = ctx.request.charset?.toLowerCase();
    if (isJsonMediaType(type) && charset && charset !== 'utf-8' && charset !== 'utf8') {
      return refuse('JSON request bodies must be UTF-8');
    }
    return next();
  };
};
