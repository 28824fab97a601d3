import { setTimeout as sleep } from 'node:timers/promises';
/** What the retries log through (a pino logger is one). */
export interface RetryLog {
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
}

/** Exponential backoff from `initialMs`, doubling per failure, capped at `maxMs`. */
export const backoffMs = (failures: number, initialMs = 250, maxMs = 5_000): number =>
  Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(failures - 1, 20)));

export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Rejects with a timeout error if `work` has not settled within `ms`. The work
 * itself goes on (a promise cannot be cancelled), so only work that may safely
 * finish late belongs here: everything the worker writes is idempotent (bid
 * outcomes stored under the bid id, ledger rows keyed by it).
 */
export async function settleWithin<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  // The late outcome of abandoned work has been dealt with: it must not surface as an unhandled rejection.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export interface RetryUntilDoneOptions {
  /** What is being done, for the log ("connect to the ledger"). */
  what: string;
  log: RetryLog;
  /** Aborted when the process stops: the retry ends with the signal's reason. */
  signal: AbortSignal;
  /** After each failed attempt, with the error and how many attempts have failed in a row. */
  onFailure?(err: unknown, failures: number): void;
  backoff?: (failures: number) => number;
}

/**
 * Runs `attempt` until it succeeds: a dependency that is down at start (or
 * goes while a start step runs) delays the step, it does not end the process.
 * Only stopping ends the wait. The first failure is logged as a warning and
 * every tenth after it, so an outage of minutes does not fill the log.
 */
export async function retryUntilDone<T>(attempt: () => Promise<T>, options: RetryUntilDoneOptions): Promise<T> {
  const backoff = options.backoff ?? ((failures: number) => backoffMs(failures));
  for (let failures = 0; ;) {
    options.signal.throwIfAborted();
    try {
      const result = await attempt();
      if (failures > 0) options.log.info({ failures }, `${options.what}: done after ${failures} failed attempts`);
      return result;
    } catch (err) {
      options.signal.throwIfAborted();
      failures += 1;
      options.onFailure?.(err, failures);
      if (failures === 1 || failures % 10 === 0) {
        options.log.warn({ err: errorMessage(err), failures }, `${options.what} failed; retrying`);
      }
      await sleep(backoff(failures), undefined, { signal: options.signal });
    }
  }
}
