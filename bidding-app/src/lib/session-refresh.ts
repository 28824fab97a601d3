import { authTokensSchema } from '@car-auction/contracts';
import { env } from '../config/env';
import { jwtExpiresAt } from './jwt-expiry';
import { sessionStore } from './session-store';

/** Renew this long before the access token's end, so a request in flight does not cross it. */
const RENEW_BEFORE_MS = 30_000;

let inFlight: Promise<boolean> | null = null;

/**
 * Trades the refresh token for a new access token (users-permissions rotates
 * the refresh token too). Concurrent callers share one request: the refresh
 * token is single-use, so two parallel refreshes would end the session.
 * Resolves false, and ends the session as expired, when the server refuses;
 * a network failure leaves the session alone and rejects.
 */
export function refreshSession(): Promise<boolean> {
  if (inFlight) return inFlight;
  const session = sessionStore.get().session;
  if (!session) return Promise.resolve(false);
  inFlight = (async () => {
    const res = await fetch(`${env.cmsUrl}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    if (res.status >= 400 && res.status < 500) {
      if (sessionStore.get().session?.refreshToken === session.refreshToken) sessionStore.signOut('expired');
      return false;
    }
    if (!res.ok) throw new Error(`refresh failed with ${res.status}`);
    const body = authTokensSchema.parse(await res.json());
    sessionStore.replaceTokens(body.jwt, body.refreshToken);
    return true;
  })().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/** The access token to send now, renewed first if it is about to end. Null when logged out. */
export async function currentAccessToken(now = Date.now()): Promise<string | null> {
  const session = sessionStore.get().session;
  if (!session) return null;
  const expiresAt = jwtExpiresAt(session.jwt);
  if (expiresAt !== null && expiresAt - now < RENEW_BEFORE_MS) {
    const renewed = await refreshSession().catch(() => false);
    if (!renewed) return sessionStore.get().session?.jwt ?? null;
  }
  return sessionStore.get().session?.jwt ?? null;
}
