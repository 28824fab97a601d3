import type { Core } from '@strapi/strapi';
import { bidErrorBody } from '../../../bids/bid-errors';
import { createBidderCache } from '../../../bids/bidder-cache';

const BEARER = /^Bearer\s+(\S{1,4096})$/i;

interface SessionManager {
  validateAccessToken(token: string): { isValid: boolean; payload: { type?: string; userId?: string } | null };
}

/**
 * Authentication for the bid route, in place of Strapi's per-request one: the
 * access token is checked by Strapi's own session manager (signature, expiry,
 * type), and the user behind it comes from a short cache (bidder-cache.ts).
 * The same answers as before: no valid token is a 401, a user whose role may
 * not bid is a 403.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const bidders = createBidderCache(strapi, { ttlMs: Number(process.env.BIDDER_CACHE_TTL_MS ?? 5_000) });
  const sessions = () => (strapi as unknown as { sessionManager(origin: string): SessionManager }).sessionManager('users-permissions');

  return async (ctx: any, next: () => Promise<void>) => {
    const token = BEARER.exec(ctx.get('authorization') ?? '')?.[1];
    let userId: number | null = null;
    if (token) {
      try {
        const { isValid, payload } = sessions().validateAccessToken(token);
        if (isValid && payload?.type === 'access' && Number.isSafeInteger(Number(payload.userId))) userId = Number(payload.userId);
      } catch {
        userId = null;
      }
    }
    const bidder = userId === null ? null : await bidders.get(userId);
    if (!bidder) {
      ctx.status = 401;
      ctx.body = bidErrorBody({
        status: 401,
        code: 'unauthorized',
        message: 'Log in to place a bid: the request has no valid access token (missing, malformed or expired)',
      });
      return;
    }
    ctx.state.user = { id: bidder.id, username: bidder.username };
    if (!bidder.mayBid) {
      ctx.status = 403;
      ctx.body = { data: null, error: { status: 403, name: 'ForbiddenError', message: 'Your account may not place bids', details: {} } };
      return;
    }
    await next();
  };
};
