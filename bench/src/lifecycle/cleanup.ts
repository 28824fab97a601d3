import { log } from '../log';

/**
 * Everything the bench starts registers how to undo it here; cleanups run in
 * reverse order on normal exit, on SIGINT/SIGTERM and on uncaught errors, so the
 * bench never leaves child processes, its Kafka broker or its data behind.
 */
interface Cleanup {
  name: string;
  run: () => Promise<void>;
}

const stack: Cleanup[] = [];
let running: Promise<void> | null = null;

export function onCleanup(name: string, run: () => Promise<void>): () => void {
  const entry = { name, run };
  stack.push(entry);
  return () => {
    const i = stack.indexOf(entry);
    if (i >= 0) stack.splice(i, 1);
  };
}

async function withTimeout(work: Promise<void>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: cleanup took longer than ${ms} ms`)), ms);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every registered cleanup once, newest first; errors are logged, not thrown. */
export function runCleanups(): Promise<void> {
  if (!running) {
    running = (async () => {
      while (stack.length > 0) {
        const { name, run } = stack.pop()!;
        try {
          await withTimeout(run(), 60_000, name);
        } catch (err) {
          log(`cleanup "${name}" failed: ${(err as Error).message}`);
        }
      }
    })();
  }
  return running;
}

export function installExitHandlers(): void {
  const stopOn = (signal: NodeJS.Signals, code: number) =>
    process.on(signal, () => {
      log(`${signal}: stopping what the bench started`);
      void runCleanups().finally(() => process.exit(code));
    });
  stopOn('SIGINT', 130);
  stopOn('SIGTERM', 143);
  const fatal = (err: unknown) => {
    log(`fatal: ${(err as Error)?.stack ?? String(err)}`);
    void runCleanups().finally(() => process.exit(1));
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  // The last resort, if the process exits before the cleanups ran, is test-support's
  // spawnChild: it kills every child still alive on exit.
}
