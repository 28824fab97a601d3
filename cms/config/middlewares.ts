import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  {
    name: 'strapi::cors',
    config: {
      // The bidding app is the only browser origin of the content API; the admin
      // panel is same-origin.
      origin: env.array('CORS_ORIGINS', ['http://localhost:3000', 'http://127.0.0.1:3000']),
      // Idempotency-Key makes a retried bid safe; Retry-After tells the app when to retry.
      headers: ['Content-Type', 'Authorization', 'Origin', 'Accept', 'Idempotency-Key'],
      expose: ['Retry-After'],
    },
  },
  // No 'strapi::poweredBy': naming the server and its version helps nobody but an attacker.
  'global::request-body-guard',
  // Bids are answered here; every other request goes on down the chain.
  'global::bid-fast-lane',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
