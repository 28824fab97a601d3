import { createHash, randomUUID } from 'node:crypto';

/** Letters, digits, '-' and '_': a UUID fits, and nothing that needs escaping does not. */
const KEY = /^[A-Za-z0-9_-]{8,128}$/;

export type IdempotencyKey = { ok: true; key: string | null } | { ok: false; message: string };

export function readIdempotencyKey(header: unknown): IdempotencyKey {
  if (header === undefined || header === '') return { ok: true, key: null };
  if (typeof header !== 'string' || !KEY.test(header)) {
    return { ok: false, message: "Idempotency-Key must be 8 to 128 letters, digits, '-' or '_' (a UUID will do)" };
  }
  return { ok: true, key: header };
}

/**
 * The bid id for a request. With an Idempotency-Key the id is derived from the
 * bidder and the key, so a retry of a request whose answer was lost (a 503 after
 * the bid stream took the bid but did not confirm in time) carries the same id,
 * and the worker counts it once. The bidder is part of the hash so that nobody
 * can collide with another bidder's ids. Formatted as an RFC 9562 version-8 UUID.
 */
export function bidIdFor(bidderId: number, key: string | null): string {
  if (key === null) return randomUUID();
  const hex = createHash('sha256').update(`bid:${bidderId}:${key}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
