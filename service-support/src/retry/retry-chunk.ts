import { backoffMs } from './retry';

/** The chunk was not finished: its partition was revoked or the consumer is stopping. Nothing may be committed. */
export const ABANDONED = Symbol('abandoned');

export interface RetryChunkOptions {
  /** False once the partition is revoked or the consumer stops (kafkajs's isRunning and isStale). */
  keepGoing(): boolean;
  /** kafkajs's heartbeat. Throws when the group rebalances or the member is gone, which ends the retries. */
  heartbeat(): Promise<void>;
  /** After each failed attempt, with the error and how many attempts have failed in a row. */
  onFailure(err: unknown, failures: number): void;
  /** How often the membership is renewed while an attempt or a backoff runs; under the heartbeat interval. */
  heartbeatEveryMs?: number;
  /** An attempt still unanswered after this long counts as failed and is made again. */
  attemptTimeoutMs?: number;
  backoff?: (failures: number) => number;
}

type Waited<T> = { kind: 'done'; value: T } | { kind: 'failed'; err: unknown } | { kind: 'abandoned' } | { kind: 'elapsed' };

/**
 * Retries one chunk's decide-and-record step until it succeeds, so a Redis or
 * ledger outage holds the chunk (and its partition) instead of ending the
 * consumer: nothing is committed until an attempt has written everything, and
 * an attempt that fails half-way is simply made again (the Lua step returns a
 * decided bid's stored outcome; the ledger skips a row it has).
 *
 * kafkajs heartbeats only when the handler calls it, so while an attempt or a
 * backoff is under way the group is told this member is alive every
 * `heartbeatEveryMs`; otherwise a ledger outage longer than the session timeout
 * would cost the partition and move the wait to another worker. A heartbeat
 * that fails (a rebalance, a lost member, a broker that went too) ends the
 * retries by throwing, and kafkajs rejoins and redelivers from the last
 * commit. An attempt given up on may still finish later; that is harmless for
 * the same reasons a retry is.
 */
export async function retryChunk<T>(attempt: () => Promise<T>, options: RetryChunkOptions): Promise<T | typeof ABANDONED> {
  const everyMs = options.heartbeatEveryMs ?? 1_000;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 20_000;
  const backoff = options.backoff ?? ((failures: number) => backoffMs(failures, 200, 2_000));

  /** Waits for `work` (or just for `limitMs` when there is none), heartbeating, and stops early when the chunk is abandoned. */
  const heartbeatingWait = async (work: Promise<T> | null, limitMs: number): Promise<Waited<T>> => {
    const settled: Promise<Waited<T>> | null = work
      ? work.then(
          (value): Waited<T> => ({ kind: 'done', value }),
          (err: unknown): Waited<T> => ({ kind: 'failed', err }),
        )
      : null;
    const deadline = Date.now() + limitMs;
    for (;;) {
      const left = deadline - Date.now();
      let timer: NodeJS.Timeout | undefined;
      const tick = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), Math.max(0, Math.min(everyMs, left)))));
      const first = settled ? await Promise.race([settled, tick]) : await tick;
      clearTimeout(timer);
      if (first) return first;
      if (!options.keepGoing()) return { kind: 'abandoned' };
      if (Date.now() >= deadline) return { kind: 'elapsed' };
      await options.heartbeat();
    }
  };

  for (let failures = 0; ;) {
    if (!options.keepGoing()) return ABANDONED;
    const waited = await heartbeatingWait(attempt(), attemptTimeoutMs);
    if (waited.kind === 'done') return waited.value;
    if (waited.kind === 'abandoned') return ABANDONED;
    failures += 1;
    options.onFailure(
      waited.kind === 'failed' ? waited.err : new Error(`the chunk's attempt did not finish within ${attemptTimeoutMs} ms`),
      failures,
    );
    if ((await heartbeatingWait(null, backoff(failures))).kind === 'abandoned') return ABANDONED;
  }
}
