/**
 * Asks the cms who owns an access token. Authoritative (expiry, blocked users,
 * revoked sessions all count) and needs no shared secret; one request per
 * socket handshake, not per event.
 */
// Three base64url parts: anything else cannot be a token, and some of it (a
// space, a NUL) cannot even travel in a header, which made fetch throw and the
// handshake look like an outage instead of a bad token.
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function authenticateWithCms(cmsUrl: string, fetchImpl: typeof fetch = fetch) {
  return whoseToken(cmsUrl, '/api/users/me', (body) => (body as { id?: unknown }).id, fetchImpl);
}

/** The same for an admin panel access token: the cms's admin API says whose it is (an active session of an active user). */
export function authenticateAdminWithCms(cmsUrl: string, fetchImpl: typeof fetch = fetch) {
  return whoseToken(cmsUrl, '/admin/users/me', (body) => (body as { data?: { id?: unknown } }).data?.id, fetchImpl);
}

function whoseToken(cmsUrl: string, path: string, idOf: (body: unknown) => unknown, fetchImpl: typeof fetch) {
  return async (token: string): Promise<{ id: number } | null> => {
    if (token.length > 4096 || !JWT_SHAPE.test(token)) return null;
    const res = await fetchImpl(`${cmsUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(3_000),
    });
    if (res.status === 401 || res.status === 403) return null;
    if (!res.ok) throw new Error(`cms answered ${res.status}`);
    const id = idOf(await res.json());
    return typeof id === 'number' ? { id } : null;
  };
}
