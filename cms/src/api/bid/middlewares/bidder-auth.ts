import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { sendBidError } from '../../../bids/bid-errors';
import { createBidderCache } from '../../../bids/bidder-cache';

const BEARER = /^Bearer\s+(\S{1,4096})$/i;

interface UsersPermissionsJwtConfig {
  jwtSecret?: string;
  jwt?: { algorithm?: string } & Record<string, unknown>;
}

/**
 * How an access token is checked: with the same secret, algorithm and options
 * the users-permissions plugin gives Strapi's session manager (see its
 * bootstrap), but with the secret as a KeyObject made once. Given the secret as
 * a string, jsonwebtoken first tries to read it as a public key on every call,
 * which was 12 % of the cms's CPU under bidding load. Asymmetric set-ups keep
 * the session manager's own check.
 */
function accessTokenVerifier(strapi: Core.Strapi): (token: string) => { type?: string; userId?: string } | null {
  const up = (strapi.config.get('plugin::users-permissions') ?? {}) as UsersPermissionsJwtConfig;
  const algorithm = up.jwt?.algorithm ?? 'HS256';
  const secret = up.jwtSecret || (strapi.config.get('admin.auth.secret') as string);
  if (!/^HS(256|384|512)$/.test(algorithm) || !secret) {
    const sessions = strapi.sessionManager('users-permissions');
    return (token) => {
      const { isValid, payload } = sessions.validateAccessToken(token);
      return isValid ? payload : null;
    };
  }
  const key: KeyObject = createSecretKey(Buffer.from(secret));
  const { algorithm: _algorithm, expiresIn: _expiresIn, ...options } = up.jwt ?? {};
  return (token) =>
    jwt.verify(token, key, { ...(options as jwt.VerifyOptions), algorithms: [algorithm as jwt.Algorithm] }) as {
      type?: string;
      userId?: string;
    };
}

/**
 * Authentication for the bid route, in place of Strapi's per-request one: the
 * access token is checked as Strapi's session manager checks it (signature,
 * expiry, type), and the user behind it comes from a short cache
 * (bidder-cache.ts). The same answers as before: no valid token is a 401, a
 * user whose role may not bid is a 403.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const bidders = createBidderCache(strapi, { ttlMs: Number(process.env.BIDDER_CACHE_TTL_MS ?? 5_000) });
  let verify: ReturnType<typeof accessTokenVerifier> | null = null;

  return async (ctx: Context, next: () => Promise<void>) => {
    const token = BEARER.exec(ctx.get('authorization') ?? '')?.[1];
    let userId: number | null = null;
    if (token) {
      try {
        // Built on first use: the plugin's configuration is complete only after bootstrap.
        verify ??= accessTokenVerifier(strapi);
        const payload = verify(token);
        if (payload?.type === 'access' && Number.isSafeInteger(Number(payload.userId))) userId = Number(payload.userId);
      } catch {
        userId = null;
      }
    }
    const bidder = userId === null ? null : await bidders.get(userId);
    if (!bidder) {
      return sendBidError(ctx, {
        status: 401,
        code: 'unauthorized',
        message: 'Log in to place a bid: the request has no valid access token (missing, malformed or expired)',
      });
    }
    if (bidder.blocked) {
      return sendBidError(ctx, {
        status: 403,
        code: 'account_blocked',
        message: 'Your account has been blocked from bidding. Contact support if you think this is a mistake.',
      });
    }
    ctx.state.user = { id: bidder.id, username: bidder.username };
    // Strapi's own 403 envelope. Not a thrown ForbiddenError: on the router's
    // path Strapi's authorize step catches those and answers a bare "Forbidden".
    if (!bidder.mayBid) return ctx.forbidden('Your account may not place bids');
    await next();
  };
};
