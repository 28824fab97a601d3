/** What a worker depends on. Which of them a process uses depends on its roles. */
export const DEPENDENCIES = ['kafka', 'redis', 'mongo', 'cms'] as const;
export type Dependency = (typeof DEPENDENCIES)[number];

/** One dependency as last known: up, or down and why. */
export interface DependencyReading {
  up: boolean;
  /** Why it is down (the last error, or what it is waiting for); null when up. */
  reason: string | null;
}

export interface HealthReport {
  /** `ok` only when every dependency is up; the worker then serves fully. */
  status: 'ok' | 'degraded';
  down: Dependency[];
  dependencies: Partial<Record<Dependency, 'up' | 'down'>>;
  reasons: Partial<Record<Dependency, string>>;
}

export interface DependencyHealthOptions {
  /** The dependencies this process has, in the order they are reported. */
  dependencies: readonly Dependency[];
  /** Why each dependency counts as down before anything is known about it; the others start up. */
  initiallyDown?: Partial<Record<Dependency, string>>;
  /** Called on every change between up and down (for the log). */
  onChange?(dependency: Dependency, reading: DependencyReading): void;
  now?: () => number;
}

interface Probe {
  run(): Promise<void>;
  everyMs: number;
  lastAt: number;
  inFlight: boolean;
}

/**
 * Which dependencies are up, from three kinds of evidence: what the clients
 * say as it happens (`up`/`down`: a mongoose event, a failed ledger write, the
 * poster's last answer), what is read off a client when asked (`watch`: the
 * Redis connection's status, the Kafka consumer's liveness), and, for a
 * dependency that is down, a cheap request now and then (`probeWhileDown`), so
 * one that comes back is seen as back even when nothing else would touch it.
 * The last word wins. Nothing here decides anything: /healthz and /metrics
 * read it, and the closer waits while what it needs is down.
 */
export function createDependencyHealth(options: DependencyHealthOptions) {
  const now = options.now ?? Date.now;
  const readings = new Map<Dependency, DependencyReading>(
    options.dependencies.map((dependency) => {
      const reason = options.initiallyDown?.[dependency];
      return [dependency, reason === undefined ? { up: true, reason: null } : { up: false, reason }];
    }),
  );
  const watchers = new Map<Dependency, () => DependencyReading>();
  const probes = new Map<Dependency, Probe>();
  let timer: NodeJS.Timeout | null = null;

  const set = (dependency: Dependency, reading: DependencyReading) => {
    const current = readings.get(dependency);
    // A dependency this process does not use is not reported, whatever a shared module says about it.
    if (!current) return;
    readings.set(dependency, reading);
    if (current.up !== reading.up) options.onChange?.(dependency, reading);
  };

  const poll = () => {
    for (const [dependency, read] of watchers) set(dependency, read());
  };

  const health = {
    up(dependency: Dependency): void {
      set(dependency, { up: true, reason: null });
    },

    down(dependency: Dependency, reason: string): void {
      set(dependency, { up: false, reason });
    },

    isUp(dependency: Dependency): boolean {
      if (watchers.has(dependency)) poll();
      return readings.get(dependency)?.up ?? true;
    },

    /** A dependency whose state is read off a client: read at every report and every tick. */
    watch(dependency: Dependency, read: () => DependencyReading): void {
      watchers.set(dependency, read);
      // Its first reading is where it starts, not a change.
      if (readings.has(dependency)) readings.set(dependency, read());
    },

    /** While `dependency` is down, `probe` runs at most every `everyMs`; it resolving means up. */
    probeWhileDown(dependency: Dependency, probe: () => Promise<void>, everyMs: number): void {
      probes.set(dependency, { run: probe, everyMs, lastAt: -Infinity, inFlight: false });
    },

    report(): HealthReport {
      poll();
      const down: Dependency[] = [];
      const dependencies: HealthReport['dependencies'] = {};
      const reasons: HealthReport['reasons'] = {};
      for (const [dependency, reading] of readings) {
        dependencies[dependency] = reading.up ? 'up' : 'down';
        if (!reading.up) {
          down.push(dependency);
          reasons[dependency] = reading.reason ?? 'down';
        }
      }
      return { status: down.length === 0 ? 'ok' : 'degraded', down, dependencies, reasons };
    },

    /**
     * Reads the watched dependencies (so a change is logged when it happens,
     * not when someone asks), then starts the probes that are due. Resolves
     * once those probes have answered.
     */
    async tick(): Promise<void> {
      poll();
      const due: Promise<void>[] = [];
      for (const [dependency, probe] of probes) {
        if (readings.get(dependency)?.up !== false || probe.inFlight || now() - probe.lastAt < probe.everyMs) continue;
        probe.inFlight = true;
        probe.lastAt = now();
        due.push(
          probe
            .run()
            .then(
              () => health.up(dependency),
              (err: unknown) => health.down(dependency, err instanceof Error ? err.message : String(err)),
            )
            .finally(() => {
              probe.inFlight = false;
            }),
        );
      }
      await Promise.all(due);
    },

    start(intervalMs: number): void {
      if (timer) return;
      void health.tick();
      timer = setInterval(() => void health.tick(), intervalMs);
      timer.unref();
    },

    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
  return health;
}
export type DependencyHealth = ReturnType<typeof createDependencyHealth>;
