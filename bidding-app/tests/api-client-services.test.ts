import { z } from 'zod';
import { ApiError, apiRequest, SESSION_EXPIRED_MESSAGE } from '../src/lib/api-client';
import { resetServerClock, serverClockOffsetMs } from '../src/lib/server-clock';
import { sessionStore } from '../src/lib/session-store';
import { stubFetch } from './support/fetch-stub';
import { signIn } from './support/session';

const ok = z.object({ data: z.literal('ok') });

beforeEach(() => resetServerClock());

test('the notifier is asked at its own URL, with the same access token', async () => {
  signIn();
  const calls = stubFetch(() => ({ status: 200, body: { data: 'ok' } }));
  await apiRequest('/api/notifications?limit=20', { service: 'notifier', auth: 'user', schema: ok });
  await apiRequest('/api/x', { schema: ok });
  expect(calls[0]!.url).toBe('http://localhost:4100/api/notifications?limit=20');
  expect(calls[0]!.headers.authorization).toBe(`Bearer ${sessionStore.get().session!.jwt}`);
  expect(calls[1]!.url).toBe('http://localhost:1337/api/x');
});

test("the notifier's error envelope gives its message as written", async () => {
  signIn();
  stubFetch(() => ({ status: 400, body: { error: { status: 400, message: 'That is not an auction id.' } } }));
  const err = await apiRequest('/api/watchlist/x', { method: 'PUT', service: 'notifier', auth: 'user', schema: ok }).catch((e) => e);
  expect(err).toBeInstanceOf(ApiError);
  expect(err).toMatchObject({ status: 400, message: 'That is not an auction id.', code: null });
});

test('an answer without the server time (the notifier sends none) is taken and leaves the clock alone', async () => {
  stubFetch(() => ({ status: 200, body: { data: 'ok' } }));
  await expect(apiRequest('/api/x', { service: 'notifier', schema: ok })).resolves.toEqual({ data: 'ok' });
  expect(serverClockOffsetMs()).toBe(0);
});

test('a 401 from the notifier renews the session at the cms and asks the notifier again', async () => {
  signIn();
  const calls = stubFetch((call) => {
    if (call.url.endsWith('/api/auth/refresh')) return { status: 200, body: { jwt: 'renewed.jwt.x', refreshToken: 'r2' } };
    return call.headers.authorization === 'Bearer renewed.jwt.x' ? { status: 200, body: { data: 'ok' } } : { status: 401, body: {} };
  });
  await apiRequest('/api/watchlist', { service: 'notifier', auth: 'user', schema: ok });
  expect(calls.map((c) => c.url)).toEqual([
    'http://localhost:4100/api/watchlist',
    'http://localhost:1337/api/auth/refresh',
    'http://localhost:4100/api/watchlist',
  ]);
});

test('optional auth sends the token when logged in and asks anonymously when not', async () => {
  const calls = stubFetch(() => ({ status: 200, body: { data: 'ok' } }));
  await apiRequest('/api/auctions/a1/watchers', { service: 'notifier', auth: 'optional', schema: ok });
  expect(calls[0]!.headers.authorization).toBeUndefined();
  signIn();
  await apiRequest('/api/auctions/a1/watchers', { service: 'notifier', auth: 'optional', schema: ok });
  expect(calls[1]!.headers.authorization).toBe(`Bearer ${sessionStore.get().session!.jwt}`);
});

test('optional auth with a session that cannot be renewed says so, like a user request', async () => {
  signIn();
  stubFetch(() => ({ status: 401, body: {} }));
  await expect(apiRequest('/api/x', { service: 'notifier', auth: 'optional', schema: ok })).rejects.toMatchObject({
    status: 401,
    message: SESSION_EXPIRED_MESSAGE,
  });
});
