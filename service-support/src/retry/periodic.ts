/**
 * Runs `tick` every `intervalMs`, one at a time (the next waits for the last to
 * settle), until stopped. A failed tick is reported and the next one runs as
 * usual: ticks are idempotent, so the next does what the failed one did not.
 */
export function periodic(tick: () => Promise<void>, intervalMs: number, onError: (err: unknown) => void) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const loop = () => {
    timer = setTimeout(() => {
      running = tick()
        .catch(onError)
        .finally(() => {
          running = null;
          if (timer !== null) loop();
        });
    }, intervalMs);
  };
  return {
    start() {
      loop();
    },
    /** Resolves once the tick under way, if any, has settled. */
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
