import { createHmac, timingSafeEqual } from 'node:crypto';
import { NOTIFICATION_KINDS, type NotificationKind } from '@car-auction/contracts';

/**
 * A signed link per user and kind lets someone unsubscribe from the email
 * itself without logging in, and without anyone being able to unsubscribe
 * somebody else by editing the numbers in the link.
 */
export function unsubscribeSignature(secret: string, userId: number, kind: NotificationKind): string {
  // An empty key would make every link forgeable: fail loudly rather than sign with it.
  if (secret === '') throw new Error('The unsubscribe secret is empty: links signed with it could be forged');
  return createHmac('sha256', secret).update(`${userId}:${kind}`).digest('base64url');
}

export function unsubscribeUrl(publicBaseUrl: string, secret: string, userId: number, kind: NotificationKind): string {
  // A link for an id the verifier refuses would fail only when someone clicks it, long after it was sent.
  if (!Number.isSafeInteger(userId) || userId <= 0) throw new RangeError(`Cannot make an unsubscribe link for user id ${userId}`);
  const base = publicBaseUrl.replace(/\/+$/, '');
  const query = new URLSearchParams({ u: String(userId), k: kind, s: unsubscribeSignature(secret, userId, kind) });
  return `${base}/unsubscribe?${query.toString()}`;
}

export type UnsubscribeCheck = { ok: true; userId: number; kind: NotificationKind } | { ok: false; reason: string };

const isKind = (value: string): value is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(value);

/** Reads the query of an unsubscribe link; the reasons are shown to the person who clicked it. */
export function verifyUnsubscribe(secret: string, params: { u?: unknown; k?: unknown; s?: unknown }): UnsubscribeCheck {
  const { u, k, s } = params;
  const present = (value: unknown) => value !== undefined && value !== null && value !== '';
  if (!present(u) || !present(k) || !present(s)) return { ok: false, reason: 'This unsubscribe link is incomplete.' };
  // Query parsers turn a repeated parameter into an array: that is not a link we made.
  if (typeof u !== 'string' || typeof k !== 'string' || typeof s !== 'string') {
    return { ok: false, reason: 'This unsubscribe link is not valid: it may have been altered.' };
  }
  // Only the canonical form ("42", not "042" or "4.2e1") is what was signed.
  const userId = /^[1-9][0-9]*$/.test(u) ? Number(u) : NaN;
  if (!Number.isSafeInteger(userId))
    return { ok: false, reason: 'This unsubscribe link is not valid: the account in it is not one of ours.' };
  if (!isKind(k)) return { ok: false, reason: 'This unsubscribe link is not valid: it names no kind of email we send.' };
  const expected = Buffer.from(unsubscribeSignature(secret, userId, k), 'utf8');
  const given = Buffer.from(s, 'utf8');
  // timingSafeEqual throws on different lengths; the length of a valid signature is no secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'This unsubscribe link is not valid: it may have been altered.' };
  }
  return { ok: true, userId, kind: k };
}
