import type { Core } from '@strapi/strapi';
import { LRUCache, type Perf } from 'lru-cache';

export interface Bidder {
  id: number;
  username: string;
  /** The user's role holds the bid permission. */
  mayBid: boolean;
  /** An admin blocked the account (users-permissions' `blocked`): every bid is refused. */
  blocked: boolean;
}

export interface BidderCacheOptions {
  ttlMs?: number;
  max?: number;
  /** The clock entries age by; tests pass their own. */
  clock?: Perf;
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
export function createBidderCache(strapi: Core.Strapi, { ttlMs = 5_000, max = 10_000, clock }: BidderCacheOptions = {}) {
  const load = async (userId: number): Promise<Bidder | null> => {
    const user = await strapi.db.query('plugin::users-permissions.user').findOne({
      where: { id: userId },
      select: ['id', 'username', 'blocked', 'confirmed'],
      populate: { role: { select: ['id'] } },
    });
    if (!user || !user.role) return null;
    if (user.blocked) return { id: user.id, username: user.username, mayBid: false, blocked: true };
    const advanced = (await strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' })) as {
      email_confirmation?: boolean;
    } | null;
    if (advanced?.email_confirmation && !user.confirmed) return null;
    const granted = await strapi.db
      .query('plugin::users-permissions.permission')
      .count({ where: { action: BID_ACTION, role: user.role.id } });
    return { id: user.id, username: user.username, mayBid: granted > 0, blocked: false };
  };

  // Values are wrapped because lru-cache stores no null, and "no such bidder" is worth caching too.
  const entries = new LRUCache<number, { bidder: Bidder | null }>({
    max,
    ttl: ttlMs,
    // fetch() shares one pending load per key: a burst of bids from one bidder waits for it.
    fetchMethod: async (userId, _stale, { options }) => {
      // Each entry lives between half and all of ttlMs: bidders who first bid
      // together would otherwise all expire together, and their reloads (three
      // queries each, on the cms's only thread) arrive as one burst every ttlMs.
      // (Whole milliseconds, as lru-cache wants: from half of ttlMs to just under all of it.)
      options.ttl = Math.max(1, Math.floor(ttlMs * (0.5 + Math.random() / 2)));
      return { bidder: await load(userId) };
    },
    // lru-cache otherwise reads a clock once per millisecond of real time; a test's clock moves faster.
    ...(clock ? { perf: clock, ttlResolution: 0 } : {}),
  });

  return {
    async get(userId: number): Promise<Bidder | null> {
      return (await entries.fetch(userId))?.bidder ?? null;
    },
  };
}
