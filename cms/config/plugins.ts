import path from 'node:path';
import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  // The benchmark's naive baseline (src/plugins/baseline-bid): its route and its
  // table exist only when the bench asks for them. Resolved from this compiled
  // file, so Strapi loads the plugin's compiled server code (dist/src/plugins).
  ...(env.bool('BASELINE_BID_ROUTE', false)
    ? { 'baseline-bid': { enabled: true, resolve: path.join(__dirname, '..', 'src', 'plugins', 'baseline-bid') } }
    : {}),
  // Money fields in the panel: shown and typed in the auction's currency, stored as cents
  // (src/plugins/money). Resolved from this file: the source folder while `strapi build`
  // bundles the panel, the compiled one (dist/src/plugins) when the server runs.
  money: { enabled: true, resolve: path.join(__dirname, '..', 'src', 'plugins', 'money') },
  // An admin's "end now" and "withdraw" (src/plugins/auction-admin): admin-API routes and their permissions.
  'auction-admin': { enabled: true, resolve: path.join(__dirname, '..', 'src', 'plugins', 'auction-admin') },
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', 'dev-only-users-permissions-jwt-secret'),
      // Short-lived access tokens renewed through POST /api/auth/refresh. The refresh
      // token travels in the response body (httpOnly: false), so login works over plain
      // http in development; a client that asks for the cookie gets one whose `secure`
      // flag follows REFRESH_COOKIE_SECURE instead of NODE_ENV.
      jwtManagement: 'refresh',
      sessions: {
        accessTokenLifespan: env.int('ACCESS_TOKEN_LIFESPAN_SECONDS', 10 * 60),
        httpOnly: false,
        cookie: {
          secure: env.bool('REFRESH_COOKIE_SECURE', false),
          sameSite: 'lax',
        },
      },
      register: {
        allowedFields: [],
      },
    },
  },
  upload: {
    config: {
      sizeLimit: 20 * 1024 * 1024,
      security: {
        allowedTypes: ['image/*'],
        deniedTypes: ['image/svg+xml'],
      },
    },
  },
});

export default config;
