import pino from 'pino';
import { ABANDONED, retryChunk } from '@car-auction/service-support';
import { DependencyError, needing } from '../src/ops/dependency-error';
import { backoffMs, retryUntilDone, settleWithin } from '@car-auction/service-support';

// The retry loops on their own, with stand-ins for the work, the heartbeat and the partition's fate.
const log = pino({ level: 'silent' });

/** Work that fails `failures` times (with the error `make` gives), then resolves with `value`. */
function flaky<T>(failures: number, value: T, make = (n: number) => new Error(`failure ${n}`)) {
  let calls = 0;
  return {
    calls: () => calls,
    run: async () => {
      calls++;
      if (calls <= failures) throw make(calls);
      return value;
    },
  };
}

describe('retryChunk', () => {
  const fast = { heartbeatEveryMs: 5, backoff: () => 1 };

  test('retries a failing chunk until it succeeds, reporting each failure', async () => {
    const work = flaky(3, 'recorded', (n) => new DependencyError('mongo', new Error(`insert failed ${n}`)));
    const failures: [string, number][] = [];
    const result = await retryChunk(work.run, {
      ...fast,
      keepGoing: () => true,
      heartbeat: async () => undefined,
      onFailure: (err, n) => failures.push([`${(err as DependencyError).dependency}: ${(err as Error).message}`, n]),
    });
    expect(result).toBe('recorded');
    expect(work.calls()).toBe(4);
    expect(failures).toEqual([
      ['mongo: insert failed 1', 1],
      ['mongo: insert failed 2', 2],
      ['mongo: insert failed 3', 3],
    ]);
  });

  test('heartbeats while an attempt is under way, so a slow dependency does not cost the membership', async () => {
    let heartbeats = 0;
    let finish: (value: string) => void = () => undefined;
    const pending = retryChunk(() => new Promise<string>((resolve) => (finish = resolve)), {
      ...fast,
      keepGoing: () => true,
      heartbeat: async () => {
        heartbeats++;
        if (heartbeats === 3) finish('recorded');
      },
      onFailure: () => undefined,
    });
    expect(await pending).toBe('recorded');
    expect(heartbeats).toBeGreaterThanOrEqual(3);
  });

  test('an attempt that never answers counts as failed after the attempt timeout, and is made again', async () => {
    let calls = 0;
    const failures: string[] = [];
    const result = await retryChunk(() => (++calls === 1 ? new Promise<string>(() => undefined) : Promise.resolve('recorded')), {
      ...fast,
      attemptTimeoutMs: 20,
      keepGoing: () => true,
      heartbeat: async () => undefined,
      onFailure: (err) => failures.push(String(err)),
    });
    expect(result).toBe('recorded');
    expect(calls).toBe(2);
    expect(failures).toEqual(["Error: the chunk's attempt did not finish within 20 ms"]);
  });

  test('gives up without a result once the partition is revoked or the consumer stops', async () => {
    let running = true;
    const work = flaky(Number.POSITIVE_INFINITY, 'never');
    const result = await retryChunk(work.run, {
      ...fast,
      keepGoing: () => running,
      heartbeat: async () => undefined,
      onFailure: (_err, n) => {
        if (n === 2) running = false;
      },
    });
    expect(result).toBe(ABANDONED);
    expect(work.calls()).toBe(2);
  });

  test('also gives up on an attempt still under way when the partition goes', async () => {
    let running = true;
    const result = retryChunk(() => new Promise<string>(() => undefined), {
      ...fast,
      keepGoing: () => running,
      heartbeat: async () => {
        running = false;
      },
      onFailure: () => undefined,
    });
    expect(await result).toBe(ABANDONED);
  });

  test('a heartbeat that fails (a rebalance) ends the retries with its error, for kafkajs to rejoin', async () => {
    const rebalancing = Object.assign(new Error('The group is rebalancing, so a rejoin is needed'), { type: 'REBALANCE_IN_PROGRESS' });
    const work = flaky(Number.POSITIVE_INFINITY, 'never');
    await expect(
      retryChunk(work.run, {
        heartbeatEveryMs: 5,
        backoff: () => 50,
        keepGoing: () => true,
        heartbeat: async () => {
          throw rebalancing;
        },
        onFailure: () => undefined,
      }),
    ).rejects.toBe(rebalancing);
  });
});

describe('retryUntilDone', () => {
  test('runs a start step until it succeeds', async () => {
    const work = flaky(4, 'connected');
    const failures: number[] = [];
    const result = await retryUntilDone(work.run, {
      what: 'connect',
      log,
      signal: new AbortController().signal,
      backoff: () => 1,
      onFailure: (_err, n) => failures.push(n),
    });
    expect(result).toBe('connected');
    expect(failures).toEqual([1, 2, 3, 4]);
  });

  test('stopping ends the wait', async () => {
    const stop = new AbortController();
    const work = flaky(Number.POSITIVE_INFINITY, 'never');
    const pending = retryUntilDone(work.run, {
      what: 'connect',
      log,
      signal: stop.signal,
      backoff: () => 60_000,
      onFailure: () => stop.abort(new Error('stopping')),
    });
    await expect(pending).rejects.toThrow();
    expect(work.calls()).toBe(1);
  });
});

test('backoff doubles from its start and stays under its cap', () => {
  expect([1, 2, 3, 4, 5, 6, 50].map((n) => backoffMs(n, 250, 5_000))).toEqual([250, 500, 1_000, 2_000, 4_000, 5_000, 5_000]);
});

test('settleWithin gives up on work that does not answer, and its late failure is no unhandled rejection', async () => {
  let fail: (err: Error) => void = () => undefined;
  const late = new Promise<never>((_, reject) => (fail = reject));
  await expect(settleWithin(late, 10, 'the ledger')).rejects.toThrow('the ledger did not answer within 10 ms');
  fail(new Error('too late'));
  await expect(settleWithin(Promise.resolve(7), 1_000, 'x')).resolves.toBe(7);
});

test('needing tags a failure with the dependency it needed, once', async () => {
  const cause = new Error('connect ECONNREFUSED');
  const tagged = await needing('mongo', async () => {
    throw cause;
  }).catch((err: unknown) => err);
  expect(tagged).toBeInstanceOf(DependencyError);
  expect(tagged).toMatchObject({ dependency: 'mongo', message: 'connect ECONNREFUSED', cause });
  const kept = await needing('redis', async () => {
    throw tagged;
  }).catch((err: unknown) => err);
  expect(kept).toBe(tagged);
});
