import type { Dependency } from './dependency-health';

/**
 * A failure of one step, tagged with the dependency that step needed, so the
 * retry that catches it can say on /healthz what is down. The message is the
 * cause's, the cause is kept.
 */
export class DependencyError extends Error {
  constructor(
    readonly dependency: Dependency,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'DependencyError';
  }
}

/** Runs `step`, tagging whatever it throws with `dependency` (an error already tagged keeps its tag). */
export async function needing<T>(dependency: Dependency, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    throw err instanceof DependencyError ? err : new DependencyError(dependency, err);
  }
}
