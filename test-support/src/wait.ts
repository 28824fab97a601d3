export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls `check` until it returns a value other than undefined, or throws after
 * the timeout with the last error `check` threw. Bounded: every wait in the
 * tests and the bench goes through here.
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  options: EventuallyOptions | number = {},
): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 100 } = typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await sleep(intervalMs);
  }
}
