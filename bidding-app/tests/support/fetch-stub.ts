/**
 * Stands in for the network in component tests (jsdom has no fetch). Each call
 * is recorded; `reply` decides the answer from the URL and the request.
 */
export interface StubbedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}
type Reply = { status: number; body?: unknown } | 'network-down';

export function stubFetch(reply: (call: StubbedCall) => Reply | Promise<Reply>) {
  const calls: StubbedCall[] = [];
  globalThis.fetch = jest.fn(async (input: unknown, init?: RequestInit) => {
    const call: StubbedCall = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const answer = await reply(call);
    if (answer === 'network-down') throw new TypeError('Failed to fetch');
    return { status: answer.status, ok: answer.status >= 200 && answer.status < 300, json: async () => answer.body ?? null } as Response;
  }) as typeof fetch;
  return calls;
}

/** A users-permissions-like access token that ends at `expiresAt` (epoch ms). Unsigned: the client never checks signatures. */
let issued = 0;
export function fakeJwt(expiresAt: number, id = 7): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ id, jti: ++issued, exp: Math.floor(expiresAt / 1000) })}.signature`;
}
