import type { Core } from '@strapi/strapi';
import { createBidderCache } from '../../src/bids/bidder-cache';

// The cache's timing and sharing; the real lookups run against Strapi in bid-endpoint and security.
function fakeStrapi() {
  let finds = 0;
  const release: (() => void)[] = [];
  const strapi = {
    db: {
      query: (uid: string) =>
        uid === 'plugin::users-permissions.user'
          ? {
              findOne: async ({ where }: { where: { id: number } }) => {
                finds++;
                await new Promise<void>((r) => release.push(r));
                return { id: where.id, username: `u${where.id}`, blocked: false, confirmed: true, role: { id: 1 } };
              },
            }
          : { count: async () => 1 },
    },
    store: () => ({ get: async () => ({ email_confirmation: false }) }),
  } as unknown as Core.Strapi;
  return { strapi, finds: () => finds, releaseAll: () => release.splice(0).forEach((r) => r()) };
}
const tick = () => new Promise((r) => setImmediate(r));
/**
 * A clock the test moves by hand, read by the cache for its entries' ages.
 * It counts from a base past 0 because lru-cache takes a start time of 0 for
 * "no ttl".
 */
function manualClock() {
  let ms = 0;
  return { now: () => 1_000_000 + ms, set: (to: number) => void (ms = to) };
}

test('concurrent requests for one bidder share one load', async () => {
  const fake = fakeStrapi();
  const clock = manualClock();
  const cache = createBidderCache(fake.strapi, { ttlMs: 5_000, clock });
  const gets = [cache.get(7), cache.get(7), cache.get(7)];
  await tick();
  expect(fake.finds()).toBe(1);
  fake.releaseAll();
  const bidders = await Promise.all(gets);
  expect(bidders).toEqual([1, 2, 3].map(() => ({ id: 7, username: 'u7', mayBid: true, blocked: false })));
});

test('an entry lives between half and all of the ttl, so bidders who start together do not expire together', async () => {
  const fake = fakeStrapi();
  const clock = manualClock();
  const cache = createBidderCache(fake.strapi, { ttlMs: 1_000, clock });
  const ids = Array.from({ length: 50 }, (_, i) => i + 1);
  const first = Promise.all(ids.map((id) => cache.get(id)));
  await tick();
  fake.releaseAll();
  await first;
  expect(fake.finds()).toBe(50);

  // Before half the ttl nothing reloads; by the full ttl everything has.
  clock.set(499);
  await Promise.all(ids.map((id) => cache.get(id)));
  expect(fake.finds()).toBe(50);
  clock.set(750);
  const mid = Promise.all(ids.map((id) => cache.get(id)));
  await tick();
  const reloadedByMid = fake.finds() - 50;
  fake.releaseAll();
  await mid;
  expect(reloadedByMid).toBeGreaterThan(0);
  expect(reloadedByMid).toBeLessThan(50);
  clock.set(1_000);
  const end = Promise.all(ids.map((id) => cache.get(id)));
  await tick();
  fake.releaseAll();
  await end;
  expect(fake.finds()).toBe(50 + 50);
});
