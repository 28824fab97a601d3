import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import createBidFastLane from '../../src/middlewares/bid-fast-lane';
import { placeBidRoute } from '../../src/api/bid/routes/bid';
import { assertServableWithoutRouter, routePathMatcher } from '../../src/http/route-pipeline';

// The lane against the route's one declaration, with a Strapi whose middlewares
// and controller record that they ran; the real ones run in bid-endpoint and security.
const declared = () => (placeBidRoute.config?.middlewares ?? []).map((m) => (typeof m === 'string' ? m : '(function)'));

function recordingStrapi(answeredBy?: string) {
  const ran: string[] = [];
  const strapi = {
    config: { get: (_key: string, fallback: unknown) => fallback },
    middleware: (name: string) => () => async (ctx: { status: number }, next: () => Promise<void>) => {
      ran.push(name);
      if (name === answeredBy) ctx.status = 401;
      else await next();
    },
    controller: (uid: string) => ({
      place: async (ctx: { body: unknown }) => {
        ran.push(`${uid}.place`);
        ctx.body = { data: 'accepted' };
      },
    }),
  } as unknown as Core.Strapi;
  return { strapi, ran };
}

function bidRequest(path = '/api/auctions/abc123/bids', method = 'POST') {
  const ctx = {
    method,
    path,
    state: {} as Record<string, unknown>,
    params: undefined as unknown,
    // No body: the lane's reader takes it as an absent body, without reading the socket.
    request: { length: 0, body: undefined as unknown },
    get: () => '',
    status: 404,
    body: undefined as unknown,
    set: () => undefined,
  };
  // Only what the lane reads of a koa context.
  return ctx as typeof ctx & Context;
}

const lane = (strapi: Core.Strapi) => createBidFastLane({}, { strapi });

test("a bid runs the route's declared middlewares in order, then its handler, and nothing further down the chain", async () => {
  const { strapi, ran } = recordingStrapi();
  const ctx = bidRequest();
  const next = jest.fn(async () => undefined);
  await lane(strapi)(ctx, next);
  expect(ran).toEqual([...declared(), placeBidRoute.handler]);
  expect(ctx.params).toEqual({ id: 'abc123' });
  expect(ctx.body).toEqual({ data: 'accepted' });
  expect(next).not.toHaveBeenCalled();
});

test('a middleware added to the route declaration runs on the lane too', async () => {
  const original = placeBidRoute.config!.middlewares!;
  placeBidRoute.config!.middlewares = [...original, 'api::bid.test-probe'];
  try {
    const { strapi, ran } = recordingStrapi();
    await lane(strapi)(bidRequest(), async () => undefined);
    expect(ran).toEqual([...original, 'api::bid.test-probe', placeBidRoute.handler]);
  } finally {
    placeBidRoute.config!.middlewares = original;
  }
});

test('a middleware that answers ends the bid there: the handler does not run', async () => {
  const first = declared()[0]!;
  const { strapi, ran } = recordingStrapi(first);
  const ctx = bidRequest();
  await lane(strapi)(ctx, async () => undefined);
  expect(ran).toEqual([first]);
  expect(ctx.status).toBe(401);
});

test.each([
  ['another method', bidRequest('/api/auctions/abc123/bids', 'GET')],
  ['another path', bidRequest('/api/auctions/abc123/bids/extra')],
  ['another letter case (the router serves it)', bidRequest('/api/Auctions/abc123/bids')],
])('%s goes on down the chain', async (_name, ctx) => {
  const { strapi, ran } = recordingStrapi();
  const next = jest.fn(async () => undefined);
  await lane(strapi)(ctx, next);
  expect(next).toHaveBeenCalledTimes(1);
  expect(ran).toEqual([]);
});

test('route paths match with their :name segments, the parameters still encoded', () => {
  const match = routePathMatcher('/api', '/auctions/:id/bids');
  expect(match('/api/auctions/abc/bids')).toEqual({ id: 'abc' });
  expect(match('/api/auctions/abc/bids/')).toEqual({ id: 'abc' });
  expect(match('/api/auctions/a%2Fb/bids')).toEqual({ id: 'a%2Fb' });
  expect(match('/api/auctions//bids')).toBeNull();
  expect(match(`/api/auctions/${'x'.repeat(257)}/bids`)).toBeNull();
  expect(match('/api/auctions/abc/bidsx')).toBeNull();
  expect(() => routePathMatcher('/api', '/auctions/(.*)')).toThrow(/only literal and :name segments/);
});

test('a route that needs the router (Strapi auth or policies) is refused at start, not served without them', () => {
  const route = { method: 'POST', path: '/x', handler: 'api::x.x.y' } as const;
  expect(() => assertServableWithoutRouter({ ...route, config: { policies: [] } })).toThrow(/auth: false/);
  expect(() => assertServableWithoutRouter({ ...route, config: { auth: false, policies: ['global::is-owner'] } })).toThrow(/no policies/);
  expect(() => assertServableWithoutRouter({ ...route, config: { auth: false, policies: [] } })).not.toThrow();
});
