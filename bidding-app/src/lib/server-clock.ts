/**
 * The server's clock as seen from here. Countdowns and "has it ended" run on
 * it, not on the browser's clock, which may be minutes off. Each response that
 * carries the server's time is a sample; the one with the shortest round trip
 * is the most trustworthy, so a sample replaces the estimate only if its round
 * trip is not much worse than the best so far (or the estimate has grown old).
 */
let offsetMs = 0;
let bestRoundTripMs = Number.POSITIVE_INFINITY;
let sampledAt = 0;
const STALE_AFTER_MS = 5 * 60 * 1000;

export function noteServerTime(serverTime: number, sentAt: number, receivedAt: number): void {
  if (!Number.isFinite(serverTime) || receivedAt < sentAt) return;
  const roundTrip = receivedAt - sentAt;
  const stale = receivedAt - sampledAt > STALE_AFTER_MS;
  if (!stale && roundTrip > bestRoundTripMs * 1.5 + 20) return;
  // The server stamped its time somewhere inside the round trip; the middle is the best guess.
  offsetMs = serverTime + roundTrip / 2 - receivedAt;
  bestRoundTripMs = stale ? roundTrip : Math.min(bestRoundTripMs, roundTrip);
  sampledAt = receivedAt;
}

/** Epoch ms on the server's clock. */
export function serverNow(): number {
  return Date.now() + offsetMs;
}

export function serverClockOffsetMs(): number {
  return offsetMs;
}

/** For tests. */
export function resetServerClock(): void {
  offsetMs = 0;
  bestRoundTripMs = Number.POSITIVE_INFINITY;
  sampledAt = 0;
}
