import pLimit from 'p-limit';

/**
 * Runs `tasks` with at most `limit` in flight; results in input order.
 * p-limit 3 because later majors are ESM-only, which jest's CommonJS runtime
 * cannot load.
 */
export function pooled<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const run = pLimit(limit);
  return Promise.all(tasks.map((task) => run(task)));
}
