import { z } from 'zod';
import { ApiError, apiRequest } from '../src/lib/api-client';
import { resetServerClock, serverClockOffsetMs } from '../src/lib/server-clock';
import { stubFetch } from './support/fetch-stub';

const anything = z.unknown();

beforeEach(() => resetServerClock());

test("an answer's meta.serverTime sets the server clock", async () => {
  stubFetch(() => ({ status: 200, body: { data: [], meta: { serverTime: Date.now() + 3_600_000 } } }));
  await apiRequest('/api/x', { schema: anything });
  expect(serverClockOffsetMs()).toBeGreaterThan(3_590_000);
  expect(serverClockOffsetMs()).toBeLessThan(3_610_000);
});

test('an answer without a usable serverTime leaves the clock alone', async () => {
  stubFetch(() => ({ status: 200, body: { data: [], meta: { serverTime: 'soon' } } }));
  await apiRequest('/api/x', { schema: anything });
  expect(serverClockOffsetMs()).toBe(0);
});

test('an error answer without the envelope still gives a message for people', async () => {
  stubFetch(() => ({ status: 502, body: '<html>Bad gateway</html>' }));
  const err = await apiRequest('/api/x', { schema: anything }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  expect(err).toMatchObject({ status: 502, message: 'The server answered 502', code: null });
});
