import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { withdrawAuctionRequestSchema } from '@car-auction/contracts';
import { isPlausibleAuctionId } from '../../../bids/bid-rules';
import type { ActionResult, AdminUser, AuctionActionsService } from './auction-actions';

const service = (strapi: Core.Strapi) => strapi.plugin('auction-admin').service('auction-actions') as AuctionActionsService;

function send(ctx: Context, result: ActionResult) {
  if (result.ok) {
    ctx.body = result.answer;
    return;
  }
  const details = { code: result.code };
  if (result.status === 404) return ctx.notFound(result.message, details);
  if (result.status === 409) return ctx.conflict(result.message, details);
  return ctx.serviceUnavailable(result.message, details);
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async end(ctx: Context) {
    if (!isPlausibleAuctionId(ctx.params.documentId)) return ctx.notFound('No auction has this id', { code: 'auction_not_found' });
    send(ctx, await service(strapi).endNow(ctx.params.documentId, ctx.state.user as AdminUser));
  },

  async withdraw(ctx: Context) {
    if (!isPlausibleAuctionId(ctx.params.documentId)) return ctx.notFound('No auction has this id', { code: 'auction_not_found' });
    const body: unknown = ctx.request.body;
    const parsed = withdrawAuctionRequestSchema.safeParse(body && typeof body === 'object' ? body : {});
    if (!parsed.success) return ctx.badRequest(parsed.error.issues[0]?.message ?? 'invalid body', { code: 'invalid_reason' });
    send(ctx, await service(strapi).withdraw(ctx.params.documentId, parsed.data.reason, ctx.state.user as AdminUser));
  },
});
