/**
 * mulberry32: a small seeded generator of floats in [0, 1). Tests and load
 * generators that pick at random use it with a fixed seed, so a failure
 * repeats with the same bids, kills and mutations.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed for this run: TEST_SEED when set (to repeat a run), otherwise `fallback`; printed by the caller. */
export function runSeed(fallback: number): number {
  const fromEnv = process.env.TEST_SEED ?? '';
  return /^\d{1,15}$/.test(fromEnv) ? Number(fromEnv) : fallback;
}
