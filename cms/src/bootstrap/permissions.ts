import type { Core } from '@strapi/strapi';

const READ_CATALOGUE = [
  'api::car.car.find',
  'api::car.car.findOne',
  'api::auction.auction.find',
  'api::auction.auction.findOne',
  'api::auction.live-auctions.find',
  // The tables are public rules (the app may show them); only admins and editors change them.
  'api::increment-table.increment-table.find',
  'api::increment-table.increment-table.findOne',
  'api::bid.bid.history',
];

/** What each users-permissions role may do. Set here, never by hand in the admin panel. */
export const ROLE_PERMISSIONS: Record<'public' | 'authenticated', string[]> = {
  public: [
    ...READ_CATALOGUE,
    'plugin::users-permissions.auth.register',
    'plugin::users-permissions.auth.callback',
    'plugin::users-permissions.auth.refresh',
  ],
  authenticated: [
    ...READ_CATALOGUE,
    'api::bid.bid.place',
    'plugin::users-permissions.user.me',
    'plugin::users-permissions.auth.refresh',
    'plugin::users-permissions.auth.logout',
  ],
};

/** Writes to the catalogue are for admins (and the worker's token), never for bidders. */
export const FORBIDDEN_TO_BIDDERS = ['car', 'auction', 'increment-table'].flatMap((name) =>
  ['create', 'update', 'delete'].map((action) => `api::${name}.${name}.${action}`),
);

const PERMISSION = 'plugin::users-permissions.permission';

/** Idempotent: adds what is missing and removes catalogue writes granted by hand. */
export async function ensureRolePermissions(strapi: Core.Strapi): Promise<void> {
  for (const [type, actions] of Object.entries(ROLE_PERMISSIONS)) {
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type } });
    if (!role) throw new Error(`users-permissions role "${type}" is missing`);
    const existing = await strapi.db.query(PERMISSION).findMany({ where: { role: role.id }, select: ['id', 'action'] });
    const have = new Set(existing.map((p: { action: string }) => p.action));
    for (const action of actions) {
      if (!have.has(action)) await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
    }
    const stray = existing.filter((p: { action: string }) => FORBIDDEN_TO_BIDDERS.includes(p.action));
    if (stray.length > 0) {
      await strapi.db.query(PERMISSION).deleteMany({ where: { id: { $in: stray.map((p: { id: number }) => p.id) } } });
      strapi.log.warn(
        `removed catalogue write permissions from the ${type} role: ${stray.map((p: { action: string }) => p.action).join(', ')}`,
      );
    }
  }
}
