/**
 * How big each stage is. The full plan is what BENCHMARKS.md reports; the quick
 * plan (--quick or BENCH_QUICK=1) runs every stage tiny, to check the harness end
 * to end on a busy development machine. Quick figures mean nothing.
 */
export interface BenchPlan {
  mode: 'full' | 'quick';
  bidders: number;
  /** (a) and the baseline: open-loop HTTP steps. */
  http: {
    rates: number[];
    stepSeconds: number;
    pauseSeconds: number;
    auctions: number;
    connections: number;
    drainSeconds: number;
    /** Unmeasured load first: the cms, the worker and a freshly started broker warm their JIT. */
    warmup: { rate: number; seconds: number };
  };
  /**
   * (b1) produce straight to Kafka at a fixed rate while a worker decides. Per round:
   * rate, seconds and drain; rounds alternate the manual and the proxy mix (ABBA),
   * each mix on its own `auctions`.
   */
  live: { rate: number; seconds: number; auctions: number; drainSeconds: number; rounds: number };
  /** (b2) prefill, then a fresh consumer group from the prefill's first offsets; per round, as (b1). */
  replay: { messages: number; auctions: number; timeoutSeconds: number; rounds: number };
  /** (e) bids produced at `rate` for `seconds` while a notifier follows auction-events: its lag and its mails. */
  /** `bidders`: how many take turns on every auction (a bidding war of a few, as real ones are: what makes coalescing visible). */
  notify: { rate: number; seconds: number; auctions: number; bidders: number; drainSeconds: number };
  /** (c) bid POST -> auction:state with that price. */
  push: { rate: number; seconds: number; auctions: number };
  /** (d) many sockets on one auction whose price moves at a fixed rate. */
  fanout: { sockets: number; updatesPerSecond: number; seconds: number };
  /** The cms-like idempotent producer alone against the broker (see stages/kafka-probe.ts). */
  probe: { sequential: number; concurrent: number; batchSize: number };
  /** Short loads under --cpu-prof when a target is missed. */
  profile: { cmsRate: number; cmsSeconds: number; workerMessages: number };
  /** Whole-run watchdog. */
  deadlineSeconds: number;
}

export const FULL_PLAN: BenchPlan = {
  mode: 'full',
  bidders: 200,
  http: {
    rates: [250, 500, 1000, 2000, 3000, 4000],
    stepSeconds: 8,
    pauseSeconds: 2,
    auctions: 100,
    connections: 256,
    drainSeconds: 10,
    warmup: { rate: 300, seconds: 5 },
  },
  live: { rate: 25_000, seconds: 8, auctions: 200, drainSeconds: 40, rounds: 4 },
  notify: { rate: 1000, seconds: 30, auctions: 100, bidders: 5, drainSeconds: 90 },
  replay: { messages: 100_000, auctions: 200, timeoutSeconds: 150, rounds: 4 },
  push: { rate: 500, seconds: 8, auctions: 50 },
  fanout: { sockets: 1000, updatesPerSecond: 100, seconds: 10 },
  probe: { sequential: 300, concurrent: 3000, batchSize: 100 },
  profile: { cmsRate: 1000, cmsSeconds: 6, workerMessages: 30_000 },
  deadlineSeconds: 18 * 60,
};

export const QUICK_PLAN: BenchPlan = {
  mode: 'quick',
  bidders: 20,
  http: {
    rates: [50, 150, 300],
    stepSeconds: 2,
    pauseSeconds: 0.5,
    auctions: 10,
    connections: 32,
    drainSeconds: 5,
    warmup: { rate: 30, seconds: 1 },
  },
  live: { rate: 1000, seconds: 2, auctions: 20, drainSeconds: 20, rounds: 4 },
  notify: { rate: 200, seconds: 3, auctions: 5, bidders: 3, drainSeconds: 30 },
  replay: { messages: 3000, auctions: 20, timeoutSeconds: 60, rounds: 4 },
  push: { rate: 100, seconds: 3, auctions: 10 },
  fanout: { sockets: 50, updatesPerSecond: 20, seconds: 3 },
  probe: { sequential: 50, concurrent: 300, batchSize: 50 },
  profile: { cmsRate: 200, cmsSeconds: 4, workerMessages: 2000 },
  deadlineSeconds: 8 * 60,
};

export type StageName = 'probe' | 'http' | 'http-solo' | 'baseline' | 'push' | 'fanout' | 'live' | 'notify' | 'replay' | 'profile';
export const ALL_STAGES: StageName[] = ['probe', 'http', 'push', 'fanout', 'live', 'notify', 'http-solo', 'baseline', 'replay', 'profile'];

export interface BenchOptions {
  plan: BenchPlan;
  build: boolean;
  kafka: 'dedicated' | 'shared';
  stages: Set<StageName>;
  /** missed: profile only a component whose target was missed. */
  profile: 'missed' | 'always' | 'never';
}

/** Flags: --quick, --no-build, --kafka=dedicated|shared, --only=http,push,..., --profile=missed|always|never. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flag = (name: string) => argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  const value = (name: string) => flag(name)?.split('=')[1];
  const quick = Boolean(flag('quick')) || env.BENCH_QUICK === '1';
  const kafka = value('kafka') ?? env.BENCH_KAFKA ?? 'dedicated';
  if (kafka !== 'dedicated' && kafka !== 'shared') throw new Error(`--kafka must be dedicated or shared, not ${kafka}`);
  const profile = value('profile') ?? env.BENCH_PROFILE ?? 'missed';
  if (profile !== 'missed' && profile !== 'always' && profile !== 'never') throw new Error(`--profile must be missed, always or never`);
  const only = value('only');
  const stages = new Set<StageName>(only ? (only.split(',') as StageName[]) : ALL_STAGES);
  for (const s of stages) if (!ALL_STAGES.includes(s)) throw new Error(`unknown stage ${s}; stages: ${ALL_STAGES.join(',')}`);
  for (const a of argv) {
    if (!/^--(quick|no-build|kafka=.*|only=.*|profile=.*)$/.test(a)) throw new Error(`unknown argument ${a}`);
  }
  return { plan: quick ? QUICK_PLAN : FULL_PLAN, build: !flag('no-build'), kafka, stages, profile };
}
