import { createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';

const TOKEN_NAME = 'stream-worker';
/** The worker's token may do exactly these and nothing else. */
export const WORKER_TOKEN_ACTIONS = [
  'api::auction-projection.auction-projection.applyBatch',
  'api::auction-projection.auction-projection.syncConfig',
  // The notifier's: the contacts its mails go to.
  'api::user-contact.user-contact.findMany',
];

/**
 * The stream worker authenticates with a content-API token whose plaintext comes
 * from WORKER_API_TOKEN (both processes read it), so nobody copies a key out of
 * the admin panel. Idempotent: creates the token once, then keeps its key and
 * its permissions equal to the configuration.
 */
export async function ensureWorkerToken(strapi: Core.Strapi): Promise<void> {
  const accessKey = process.env.WORKER_API_TOKEN ?? 'dev-only-worker-api-token-change-me';
  const salt = strapi.config.get('admin.apiToken.salt') as string;
  // Strapi stores HMAC-SHA512(salt, key), as its api-token service does.
  const hashed = createHmac('sha512', salt).update(accessKey).digest('hex');
  const tokens = strapi.db.query('admin::api-token');

  let token = await tokens.findOne({ where: { name: TOKEN_NAME }, populate: ['permissions'] });
  if (!token) {
    await strapi.service('admin::api-token').create({
      name: TOKEN_NAME,
      description:
        'Posts the winning bid of each auction back to the cms, and asks for auction configuration to be rewritten to Redis (set in code, see src/bootstrap/worker-token.ts)',
      type: 'custom',
      kind: 'content-api',
      lifespan: null,
      permissions: WORKER_TOKEN_ACTIONS,
    });
    token = await tokens.findOne({ where: { name: TOKEN_NAME }, populate: ['permissions'] });
  }
  if (token.accessKey !== hashed || token.type !== 'custom') {
    await tokens.update({
      where: { id: token.id },
      data: { accessKey: hashed, encryptedKey: strapi.service('admin::encryption').encrypt(accessKey), type: 'custom' },
    });
  }
  const held: string[] = (token.permissions ?? []).map((p: { action: string }) => p.action);
  const permissions = strapi.db.query('admin::api-token-permission');
  for (const action of WORKER_TOKEN_ACTIONS.filter((a) => !held.includes(a))) {
    await permissions.create({ data: { action, token: token.id } });
  }
  const extra = (token.permissions ?? []).filter((p: { action: string }) => !WORKER_TOKEN_ACTIONS.includes(p.action));
  if (extra.length > 0) {
    await permissions.deleteMany({ where: { id: { $in: extra.map((p: { id: number }) => p.id) } } });
  }
}
