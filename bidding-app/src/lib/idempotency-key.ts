/**
 * A random key for the Idempotency-Key header: 128 bits as hex. getRandomValues
 * rather than randomUUID, which browsers offer only on https and localhost.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
