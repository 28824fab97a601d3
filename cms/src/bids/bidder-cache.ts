import type { Core } from '@strapi/strapi';

export interface Bidder {
  id: number;
  username: string;
  /** The user's role holds the bid permission. */
  mayBid: boolean;
}

const BID_ACTION = 'api::bid.bid.place';

/**
 * Who a user id is, as the bid route needs it, kept for a few seconds. Strapi's
 * own authentication reads the user, the role, the settings and the role's
 * permissions from the database on every request (seven queries, most of the
 * route's CPU); a bidding war asks the same few users again and again. The
 * price: blocking a user, or changing a role's permissions, reaches the bid
 * route up to `ttlMs` later.
 */
export function createBidderCache(strapi: Core.Strapi, { ttlMs = 5_000, max = 10_000 } = {}) {
  const entries = new Map<number, { bidder: Bidder | null; until: number }>();
  const loading = new Map<number, Promise<Bidder | null>>();
  // Each entry lives between half and all of ttlMs: bidders who first bid
  // together would otherwise all expire together, and their reloads (three
  // queries each, on the cms's only thread) arrive as one burst every ttlMs.
  const lifetime = () => ttlMs * (0.5 + Math.random() / 2);

  const load = async (userId: number): Promise<Bidder | null> => {
    const user = await strapi.db.query('plugin::users-permissions.user').findOne({
      where: { id: userId },
      select: ['id', 'username', 'blocked', 'confirmed'],
      populate: { role: { select: ['id'] } },
    });
    if (!user || user.blocked || !user.role) return null;
    const advanced = (await strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' })) as
      | { email_confirmation?: boolean }
      | null;
    if (advanced?.email_confirmation && !user.confirmed) return null;
    const granted = await strapi.db
      .query('plugin::users-permissions.permission')
      .count({ where: { action: BID_ACTION, role: user.role.id } });
    return { id: user.id, username: user.username, mayBid: granted > 0 };
  };

  return {
    async get(userId: number, now = Date.now()): Promise<Bidder | null> {
      const cached = entries.get(userId);
      if (cached && cached.until > now) return cached.bidder;
      // One load per user at a time: a burst of bids from one bidder waits for it.
      let pending = loading.get(userId);
      if (!pending) {
        pending = load(userId)
          .then((bidder) => {
            if (entries.size >= max) entries.delete(entries.keys().next().value as number);
            entries.set(userId, { bidder, until: now + lifetime() });
            return bidder;
          })
          .finally(() => loading.delete(userId));
        loading.set(userId, pending);
      }
      return pending;
    },
  };
}
