import type { AuctionProjection } from '@car-auction/contracts';
import { createProjectionPoster } from '../src/postback/projection-poster';
import { createLogger } from '../src/log';

// Pure scheduling logic: the cms is a stand-in that records what it was sent.
const projection = (version: number): AuctionProjection => ({
  version, currentPrice: 1_000 + version, leaderUserId: 1, leaderName: 'a***e', bidCount: version, saleStatus: 'live', endsAt: 1_900_000_000_000,
});

function fakeCms(status = 200) {
  const posts: { url: string; version: number }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    posts.push({ url, version: JSON.parse(String(init.body)).version });
    return { ok: status < 300, status, text: async () => '' } as Response;
  }) as unknown as typeof fetch;
  return { posts, fetchImpl };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('an auction is posted at most once per interval, always with its latest state', async () => {
  const cms = fakeCms();
  const delivered: number[] = [];
  const poster = createProjectionPoster({
    cmsUrl: 'http://cms', token: 't', intervalMs: 300, log: createLogger('silent'), fetchImpl: cms.fetchImpl,
    onDelivered: (_id, version) => delivered.push(version),
  });
  poster.offer('a1', projection(1));
  await jest.advanceTimersByTimeAsync(0);
  expect(cms.posts.map((p) => p.version)).toEqual([1]);
  // Bids keep coming right after a successful post: they wait for the interval and coalesce.
  poster.offer('a1', projection(2));
  await jest.advanceTimersByTimeAsync(10);
  poster.offer('a1', projection(3));
  await jest.advanceTimersByTimeAsync(200);
  expect(cms.posts.map((p) => p.version)).toEqual([1]);
  await jest.advanceTimersByTimeAsync(100);
  expect(cms.posts.map((p) => p.version)).toEqual([1, 3]);
  // A quiet auction: the next offer after a full interval goes at once.
  await jest.advanceTimersByTimeAsync(700);
  poster.offer('a1', projection(4));
  await jest.advanceTimersByTimeAsync(0);
  expect(cms.posts.map((p) => p.version)).toEqual([1, 3, 4]);
  expect(delivered).toEqual([1, 3, 4]);
  expect(cms.posts.every((p) => p.url === 'http://cms/api/internal/auctions/a1/projection')).toBe(true);
});

test('a failing cms is retried with backoff and nothing is counted as delivered', async () => {
  const cms = fakeCms(503);
  const delivered: number[] = [];
  const poster = createProjectionPoster({
    cmsUrl: 'http://cms', token: 't', intervalMs: 100, log: createLogger('silent'), fetchImpl: cms.fetchImpl,
    onDelivered: (_id, version) => delivered.push(version),
  });
  poster.offer('a1', projection(7));
  await jest.advanceTimersByTimeAsync(5_000);
  expect(cms.posts.length).toBeGreaterThanOrEqual(3);
  expect(cms.posts.length).toBeLessThanOrEqual(12);
  expect(new Set(cms.posts.map((p) => p.version))).toEqual(new Set([7]));
  expect(delivered).toEqual([]);
  expect(poster.pending()).toBe(1);
});
