import { z } from 'zod';
import { ApiError, apiRequest, NetworkError, SESSION_EXPIRED_MESSAGE } from '../src/lib/api-client';
import { sessionStore } from '../src/lib/session-store';
import { fakeJwt, stubFetch } from './support/fetch-stub';

const HOUR = 3_600_000;
const user = { id: 7, username: 'alice', email: 'alice@example.test' };
const ok = z.object({ data: z.literal('ok') });

beforeEach(() => sessionStore.signIn({ jwt: fakeJwt(Date.now() + HOUR), refreshToken: 'refresh-1', user }));

test("the server's error message comes through as written, with its code", async () => {
  stubFetch(() => ({
    status: 422,
    body: { data: null, error: { status: 422, message: 'Bid at least $15,250.00', details: { code: 'bid_too_low' } } },
  }));
  const err = await apiRequest('/api/x', { auth: 'user', schema: ok }).catch((e) => e);
  expect(err).toBeInstanceOf(ApiError);
  expect(err).toMatchObject({ status: 422, message: 'Bid at least $15,250.00', code: 'bid_too_low' });
});

test('no network is its own error with a message for people', async () => {
  stubFetch(() => 'network-down');
  const err = await apiRequest('/api/x', { schema: ok }).catch((e) => e);
  expect(err).toBeInstanceOf(NetworkError);
  expect(err.message).toMatch(/can't reach/i);
});

test('a 401 renews the session once and retries with the new token', async () => {
  const renewed = fakeJwt(Date.now() + HOUR, 7);
  const calls = stubFetch((call) => {
    if (call.url.endsWith('/api/auth/refresh')) return { status: 200, body: { jwt: renewed, refreshToken: 'refresh-2' } };
    return call.headers.authorization === `Bearer ${renewed}` ? { status: 200, body: { data: 'ok' } } : { status: 401, body: {} };
  });
  await expect(apiRequest('/api/x', { auth: 'user', schema: ok })).resolves.toEqual({ data: 'ok' });
  expect(calls.map((c) => c.url.replace(/^.*\/api/, '/api'))).toEqual(['/api/x', '/api/auth/refresh', '/api/x']);
  expect(calls[1]!.body).toEqual({ refreshToken: 'refresh-1' });
  expect(sessionStore.get().session).toMatchObject({ jwt: renewed, refreshToken: 'refresh-2' });
});

test('a token about to end is renewed before the request, not after a 401', async () => {
  sessionStore.signIn({ jwt: fakeJwt(Date.now() + 5_000), refreshToken: 'refresh-1', user });
  const renewed = fakeJwt(Date.now() + HOUR);
  const calls = stubFetch((call) =>
    call.url.endsWith('/api/auth/refresh')
      ? { status: 200, body: { jwt: renewed, refreshToken: 'refresh-2' } }
      : { status: 200, body: { data: 'ok' } },
  );
  await apiRequest('/api/x', { auth: 'user', schema: ok });
  expect(calls.map((c) => c.url.replace(/^.*\/api/, '/api'))).toEqual(['/api/auth/refresh', '/api/x']);
  expect(calls[1]!.headers.authorization).toBe(`Bearer ${renewed}`);
});

test('when the refresh is refused the session ends as expired and the caller is told so', async () => {
  stubFetch((call) => (call.url.endsWith('/api/auth/refresh') ? { status: 401, body: {} } : { status: 401, body: {} }));
  const err = await apiRequest('/api/x', { auth: 'user', schema: ok }).catch((e) => e);
  expect(err).toMatchObject({ status: 401, message: SESSION_EXPIRED_MESSAGE, code: 'session_expired' });
  expect(sessionStore.get()).toEqual({ session: null, endedBecause: 'expired' });
  expect(localStorage.getItem('car-auction.session')).toBeNull();
});

test('parallel 401s share one refresh: the refresh token is single-use', async () => {
  const renewed = fakeJwt(Date.now() + HOUR);
  const calls = stubFetch(async (call) => {
    if (call.url.endsWith('/api/auth/refresh')) {
      await new Promise((r) => setTimeout(r, 20));
      return { status: 200, body: { jwt: renewed, refreshToken: 'refresh-2' } };
    }
    return call.headers.authorization === `Bearer ${renewed}` ? { status: 200, body: { data: 'ok' } } : { status: 401, body: {} };
  });
  await Promise.all([1, 2, 3].map(() => apiRequest('/api/x', { auth: 'user', schema: ok })));
  expect(calls.filter((c) => c.url.endsWith('/api/auth/refresh'))).toHaveLength(1);
});

test('a body that breaks the contract is an error, not a crash later', async () => {
  stubFetch(() => ({ status: 200, body: { data: 42 } }));
  await expect(apiRequest('/api/x', { schema: ok })).rejects.toThrow(/does not understand/);
});

test('logged out, a user request is refused before it is sent', async () => {
  sessionStore.signOut('logged_out');
  const calls = stubFetch(() => ({ status: 200, body: { data: 'ok' } }));
  await expect(apiRequest('/api/x', { auth: 'user', schema: ok })).rejects.toMatchObject({ status: 401 });
  expect(calls).toHaveLength(0);
});

test('the session survives a reload (it is read back from storage)', () => {
  const stored = JSON.parse(localStorage.getItem('car-auction.session')!);
  expect(stored).toMatchObject({ refreshToken: 'refresh-1', user });
  jest.isolateModules(() => {
    // jest.isolateModules loads a fresh copy of the module synchronously: only require() can.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { sessionStore: reloaded } = require('../src/lib/session-store') as typeof import('../src/lib/session-store');
    expect(reloaded.get().session).toMatchObject({ refreshToken: 'refresh-1', user });
  });
});
