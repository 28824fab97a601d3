import pino from 'pino';
import type { AuctionProjection, AuctionProjectionBatch, AuctionProjectionResult } from '@car-auction/contracts';
import { createProjectionPoster } from '../src/postback/projection-poster';

// Pure scheduling logic: the cms is a stand-in that records what it was sent
// and answers as each test tells it to.
const projection = (version: number): AuctionProjection => ({
  version,
  currentPrice: 1_000 + version,
  leaderUserId: 1,
  leaderName: 'a***e',
  bidCount: version,
  saleStatus: 'live',
  endsAt: 1_900_000_000_000,
});

/** 'hang': never answers; 'hold': answers 200 when the test calls release(). */
type Answer = { status: number; body?: unknown } | 'hang' | 'hold';
interface Post {
  url: string;
  at: number;
  items: Record<string, number>;
}

function fakeCms() {
  const posts: Post[] = [];
  const held: (() => void)[] = [];
  const cms = {
    posts,
    release: () => held.shift()?.(),
    /** What the next request gets; by default every item is applied. */
    answer: (_batch: AuctionProjectionBatch): Answer => ({ status: 200 }),
    /** The per-item result of a 200 answered by default. */
    result: (_auctionId: string): AuctionProjectionResult => 'applied',
    fetchImpl: (async (url: string, init: RequestInit) => {
      const batch = JSON.parse(String(init.body)) as AuctionProjectionBatch;
      posts.push({ url, at: Date.now(), items: Object.fromEntries(batch.data.map((i) => [i.auctionId, i.projection.version])) });
      const answer = cms.answer(batch);
      if (answer === 'hang') return new Promise<Response>(() => {});
      if (answer === 'hold') await new Promise<void>((resolve) => held.push(resolve));
      const { status, body: given } = typeof answer === 'object' ? answer : { status: 200, body: undefined };
      const body = given ?? { data: batch.data.map(({ auctionId }) => ({ auctionId, result: cms.result(auctionId) })) };
      return { ok: status < 300, status, text: async () => JSON.stringify(body), json: async () => body } as Response;
    }) as unknown as typeof fetch,
  };
  return cms;
}

function setUp(intervalMs: number) {
  const cms = fakeCms();
  const delivered: [string, number][] = [];
  const results: string[] = [];
  const warnings: Record<string, unknown>[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line)) });
  const poster = createProjectionPoster({
    cmsUrl: 'http://cms',
    token: 't',
    intervalMs,
    log,
    fetchImpl: cms.fetchImpl,
    onDelivered: (auctionId, version) => delivered.push([auctionId, version]),
    onResult: (answered, reason) => results.push(answered ? 'answered' : `failed: ${reason}`),
  });
  return { cms, delivered, warnings, poster, results };
}

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

test('an auction is posted at most once per interval, always with its latest state', async () => {
  const { cms, delivered, poster } = setUp(300);
  poster.offer('a1', projection(1));
  await jest.advanceTimersByTimeAsync(0);
  expect(cms.posts.map((p) => p.items)).toEqual([{ a1: 1 }]);
  // Bids keep coming right after a post: they wait for the interval and coalesce.
  poster.offer('a1', projection(2));
  await jest.advanceTimersByTimeAsync(10);
  poster.offer('a1', projection(3));
  poster.offer('a1', projection(2)); // an older state offered late changes nothing
  await jest.advanceTimersByTimeAsync(200);
  expect(cms.posts).toHaveLength(1);
  await jest.advanceTimersByTimeAsync(100);
  expect(cms.posts.map((p) => p.items)).toEqual([{ a1: 1 }, { a1: 3 }]);
  expect(cms.posts[1]!.at - cms.posts[0]!.at).toBe(300);
  expect(delivered).toEqual([
    ['a1', 1],
    ['a1', 3],
  ]);
  expect(poster.pending()).toBe(0);
  expect(cms.posts.every((p) => p.url === 'http://cms/api/internal/auctions/projections')).toBe(true);
});

test('every auction due goes in one request, in chunks of at most 500', async () => {
  const { cms, delivered, poster } = setUp(300);
  for (let i = 0; i < 5; i++) poster.offer(`a${i}`, projection(1));
  await jest.advanceTimersByTimeAsync(0);
  expect(cms.posts.map((p) => p.items)).toEqual([{ a0: 1, a1: 1, a2: 1, a3: 1, a4: 1 }]);
  expect(delivered).toHaveLength(5);

  await jest.advanceTimersByTimeAsync(1_000);
  for (let i = 0; i < 1_200; i++) poster.offer(`b${i}`, projection(2));
  await jest.advanceTimersByTimeAsync(0);
  expect(cms.posts.slice(1).map((p) => Object.keys(p.items).length)).toEqual([500, 500, 200]);
  expect(new Set(cms.posts.slice(1).flatMap((p) => Object.keys(p.items))).size).toBe(1_200);
  expect(poster.pending()).toBe(0);
});

test('auctions offered within an interval share the next request; a quiet poster posts at once', async () => {
  const { cms, poster } = setUp(300);
  poster.offer('a1', projection(1));
  await jest.advanceTimersByTimeAsync(50);
  poster.offer('a2', projection(1));
  await jest.advanceTimersByTimeAsync(200);
  poster.offer('a3', projection(1));
  poster.offer('a1', projection(2));
  await jest.advanceTimersByTimeAsync(49);
  expect(cms.posts).toHaveLength(1);
  await jest.advanceTimersByTimeAsync(1);
  expect(cms.posts.map((p) => p.items)).toEqual([{ a1: 1 }, { a2: 1, a3: 1, a1: 2 }]);
  // Nothing sent during a whole interval: the next offer adds no delay.
  await jest.advanceTimersByTimeAsync(300);
  poster.offer('a4', projection(1));
  await jest.advanceTimersByTimeAsync(0);
  expect(cms.posts.map((p) => p.items)[2]).toEqual({ a4: 1 });
  expect(cms.posts[2]!.at - cms.posts[1]!.at).toBe(300);
});

test('a state offered while a request is in flight is still owed when that request is answered', async () => {
  const { cms, delivered, poster } = setUp(300);
  cms.answer = () => 'hold';
  poster.offer('a1', projection(1));
  await jest.advanceTimersByTimeAsync(0);
  poster.offer('a1', projection(2));
  await jest.advanceTimersByTimeAsync(1_000);
  expect(cms.posts).toHaveLength(1); // requests never overlap
  cms.release();
  await jest.advanceTimersByTimeAsync(0);
  expect(delivered).toEqual([['a1', 1]]);
  expect(poster.pending()).toBe(1);
  // The interval passed while waiting, so the newer state follows at once.
  expect(cms.posts.map((p) => p.items)).toEqual([{ a1: 1 }, { a1: 2 }]);
  cms.release();
  await jest.advanceTimersByTimeAsync(0);
  expect(delivered).toEqual([
    ['a1', 1],
    ['a1', 2],
  ]);
  expect(poster.pending()).toBe(0);
});

test('a failing cms is retried with growing backoff and nothing is counted as delivered until it answers', async () => {
  const { cms, delivered, poster } = setUp(100);
  cms.answer = () => ({ status: 503, body: {} });
  poster.offer('a1', projection(7));
  poster.offer('a2', projection(3));
  await jest.advanceTimersByTimeAsync(0);
  poster.offer('a1', projection(8));
  await jest.advanceTimersByTimeAsync(12_500);
  const gaps = cms.posts.slice(1).map((p, i) => p.at - cms.posts[i]!.at);
  expect(gaps).toEqual([400, 800, 1_600, 3_200, 6_400]);
  expect(cms.posts.slice(1).every((p) => p.items.a1 === 8 && p.items.a2 === 3)).toBe(true);
  expect(delivered).toEqual([]);
  expect(poster.pending()).toBe(2);

  cms.answer = () => ({ status: 200 });
  await jest.advanceTimersByTimeAsync(10_000);
  expect(cms.posts.at(-1)!.at - cms.posts.at(-2)!.at).toBe(10_000); // the backoff's ceiling
  expect(delivered).toEqual([
    ['a1', 8],
    ['a2', 3],
  ]);
  expect(poster.pending()).toBe(0);
  // The answer ended the backoff: an offer an interval after it goes at once.
  poster.offer('a1', projection(9));
  await jest.advanceTimersByTimeAsync(0);
  expect(cms.posts.at(-1)!.items).toEqual({ a1: 9 });
});

test('each request tells whether the cms answered, for /healthz: a refused batch is an answer, a 5xx is not', async () => {
  const { cms, poster, results } = setUp(100);
  cms.answer = () => ({ status: 502, body: {} });
  poster.offer('a1', projection(1));
  await jest.advanceTimersByTimeAsync(0);
  cms.answer = () => ({ status: 400, body: { error: 'bad' } });
  await jest.advanceTimersByTimeAsync(10_000);
  poster.offer('a1', projection(2));
  cms.answer = () => ({ status: 200 });
  await jest.advanceTimersByTimeAsync(1_000);
  expect(results).toEqual(['failed: cms answered 502', 'answered', 'answered']);
});

test('when one chunk fails, the chunks answered are delivered and the rest stays owed', async () => {
  const { cms, delivered, poster } = setUp(100);
  let requests = 0;
  cms.answer = () => (++requests === 2 ? { status: 502, body: {} } : { status: 200 });
  for (let i = 0; i < 1_100; i++) poster.offer(`a${i}`, projection(1));
  await jest.advanceTimersByTimeAsync(0);
  expect(cms.posts.map((p) => Object.keys(p.items).length)).toEqual([500, 500]);
  expect(delivered).toHaveLength(500);
  expect(poster.pending()).toBe(600);
  await jest.advanceTimersByTimeAsync(400);
  expect(cms.posts.slice(2).map((p) => Object.keys(p.items).length)).toEqual([500, 100]);
  expect(poster.pending()).toBe(0);
});

test('an auction the cms does not know is logged and counted as delivered; the others apply', async () => {
  const { cms, delivered, warnings, poster } = setUp(300);
  cms.result = (auctionId) => (auctionId === 'gone' ? 'not_found' : auctionId === 'old' ? 'stale' : 'applied');
  poster.offer('a1', projection(4));
  poster.offer('gone', projection(2));
  poster.offer('old', projection(1));
  await jest.advanceTimersByTimeAsync(0);
  expect(delivered).toEqual([
    ['a1', 4],
    ['gone', 2],
    ['old', 1],
  ]);
  expect(poster.pending()).toBe(0);
  expect(warnings).toEqual([expect.objectContaining({ auctionId: 'gone', version: 2, msg: expect.stringMatching(/does not know/) })]);
  await jest.advanceTimersByTimeAsync(5_000);
  expect(cms.posts).toHaveLength(1);
});

test('a batch the cms refuses as malformed is logged with its body and not sent again', async () => {
  const { cms, delivered, warnings, poster } = setUp(300);
  const refusal = {
    data: null,
    error: { status: 400, name: 'ValidationError', message: 'invalid projection batch: data.0.projection.version: too small' },
  };
  cms.answer = () => ({ status: 400, body: refusal });
  poster.offer('a1', projection(1));
  poster.offer('a2', projection(1));
  await jest.advanceTimersByTimeAsync(0);
  expect(delivered).toEqual([
    ['a1', 1],
    ['a2', 1],
  ]);
  expect(poster.pending()).toBe(0);
  expect(warnings).toEqual([expect.objectContaining({ status: 400, body: JSON.stringify(refusal), auctions: 2 })]);
  await jest.advanceTimersByTimeAsync(5_000);
  expect(cms.posts).toHaveLength(1);
});

test('a 404 for the whole batch (a cms without the route) is retried, not dropped', async () => {
  const { cms, delivered, poster } = setUp(100);
  cms.answer = () => ({ status: 404, body: {} });
  poster.offer('a1', projection(1));
  await jest.advanceTimersByTimeAsync(1_000);
  expect(cms.posts.length).toBeGreaterThan(1);
  expect(delivered).toEqual([]);
  expect(poster.pending()).toBe(1);
});

test('an answer that is not a batch result is retried', async () => {
  const { cms, delivered, poster } = setUp(100);
  cms.answer = () => ({ status: 200, body: { data: { applied: true } } });
  poster.offer('a1', projection(1));
  await jest.advanceTimersByTimeAsync(1_000);
  expect(cms.posts.length).toBeGreaterThan(1);
  expect(delivered).toEqual([]);
  cms.answer = () => ({ status: 200 });
  await jest.advanceTimersByTimeAsync(2_000);
  expect(delivered).toEqual([['a1', 1]]);
});

test('drain sends what is pending at once, then nothing more', async () => {
  const { cms, delivered, poster } = setUp(1_000);
  poster.offer('a1', projection(1));
  await jest.advanceTimersByTimeAsync(0);
  poster.offer('a1', projection(2));
  poster.offer('a2', projection(1));
  await jest.advanceTimersByTimeAsync(10);
  await poster.drain(3_000);
  expect(cms.posts.map((p) => p.items)).toEqual([{ a1: 1 }, { a1: 2, a2: 1 }]);
  expect(delivered).toEqual([
    ['a1', 1],
    ['a1', 2],
    ['a2', 1],
  ]);
  poster.offer('a3', projection(1));
  await jest.advanceTimersByTimeAsync(5_000);
  expect(cms.posts).toHaveLength(2);
  expect(poster.pending()).toBe(1);
});

test('drain gives up after its timeout when the cms does not answer', async () => {
  const { cms, poster } = setUp(300);
  cms.answer = () => 'hang';
  poster.offer('a1', projection(1));
  let drained = false;
  void poster.drain(2_000).then(() => (drained = true));
  await jest.advanceTimersByTimeAsync(1_999);
  expect(drained).toBe(false);
  expect(cms.posts).toHaveLength(1);
  await jest.advanceTimersByTimeAsync(1);
  expect(drained).toBe(true);
  expect(poster.pending()).toBe(1);
});

test('drain waits for the request in flight, then sends only what it did not carry', async () => {
  const { cms, delivered, poster } = setUp(300);
  cms.answer = () => 'hold';
  poster.offer('a1', projection(1));
  poster.offer('a2', projection(1));
  await jest.advanceTimersByTimeAsync(0);
  poster.offer('a2', projection(2));
  cms.answer = () => ({ status: 200 });
  const draining = poster.drain(3_000);
  await jest.advanceTimersByTimeAsync(0);
  expect(cms.posts).toHaveLength(1);
  cms.release();
  await draining;
  expect(cms.posts.map((p) => p.items)).toEqual([{ a1: 1, a2: 1 }, { a2: 2 }]);
  expect(delivered).toEqual([
    ['a1', 1],
    ['a2', 1],
    ['a2', 2],
  ]);
});
