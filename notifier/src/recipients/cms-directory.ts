import { USER_CONTACTS_MAX_IDS, USER_CONTACTS_PATH, type UserContact } from '@car-auction/contracts';
import { TtlCache } from './ttl-cache';

export interface CmsDirectory {
  /** The contacts of these users that exist (an unknown id is absent). Throws if the cms cannot answer. */
  contacts(userIds: number[]): Promise<Map<number, UserContact>>;
  /** The auction's title, or a neutral name if the cms no longer shows it. Throws if the cms cannot answer. */
  auctionTitle(auctionId: string): Promise<string>;
  /** Whether the cms shows this auction (published). Throws if the cms cannot answer. */
  auctionExists(auctionId: string): Promise<boolean>;
}

const FALLBACK_TITLE = 'an auction you follow';

/** What the notifier asks the cms: users' addresses (with the service token) and auctions' titles (public). */
export function cmsDirectory(cmsUrl: string, serviceToken: string, fetchImpl: typeof fetch = fetch): CmsDirectory {
  const contactCache = new TtlCache<UserContact | null>(60_000);
  const titleCache = new TtlCache<string | null>(5 * 60_000);
  const get = async (path: string, token?: string) => {
    const res = await fetchImpl(`${cmsUrl}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(5_000),
    });
    return res;
  };

  /** The published auction's title, null if the cms does not show it. */
  const published = async (auctionId: string): Promise<string | null> => {
    const cached = titleCache.get(auctionId);
    if (cached !== undefined) return cached;
    const res = await get(`/api/auctions/${encodeURIComponent(auctionId)}`);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`the cms answered ${res.status} for auction ${auctionId}`);
    const title = ((await res.json()) as { data?: { title?: unknown } }).data?.title;
    const text = typeof title === 'string' && title.trim() ? title.trim() : FALLBACK_TITLE;
    titleCache.set(auctionId, text);
    return text;
  };

  return {
    async contacts(userIds) {
      const found = new Map<number, UserContact>();
      const missing: number[] = [];
      for (const id of new Set(userIds)) {
        const cached = contactCache.get(String(id));
        if (cached === undefined) missing.push(id);
        else if (cached) found.set(id, cached);
      }
      for (let i = 0; i < missing.length; i += USER_CONTACTS_MAX_IDS) {
        const ids = missing.slice(i, i + USER_CONTACTS_MAX_IDS);
        const res = await get(`${USER_CONTACTS_PATH}?ids=${ids.join(',')}`, serviceToken);
        if (!res.ok) throw new Error(`the cms answered ${res.status} for user contacts`);
        const { data } = (await res.json()) as { data: UserContact[] };
        const byId = new Map(data.map((c) => [c.id, c]));
        for (const id of ids) {
          const contact = byId.get(id) ?? null;
          contactCache.set(String(id), contact);
          if (contact) found.set(id, contact);
        }
      }
      return found;
    },

    async auctionTitle(auctionId) {
      return (await published(auctionId)) ?? FALLBACK_TITLE;
    },

    async auctionExists(auctionId) {
      return (await published(auctionId)) !== null;
    },
  };
}
