import type { BenchOptions } from '../plan';
import type { HttpSeries } from '../stages/http-bids';
import type { LiveResult } from '../stages/live-decide';
import type { ReplayResult } from '../stages/replay';
import type { NotifierLagResult } from '../stages/notifier-lag';
import type { PushResult } from '../stages/push-latency';
import type { FanoutResult } from '../stages/fan-out';
import type { ProfileRun } from '../stages/profile';
import { exercisedProxyPath, type MixComparison } from '../stages/mix-rounds';
import type { KafkaProbeResult } from '../stages/kafka-probe';
import type { MachineInfo, Versions } from './machine';
import type { sqliteWriteProbe } from './sqlite-probe';

export interface TargetCheck {
  id: string;
  stage: string;
  description: string;
  target: string;
  measured: string;
  /** null: not measured in this run (stage skipped, or its rate not in the plan). */
  met: boolean | null;
}

export interface Ratio {
  figure: string;
  ours: number;
  baseline: number;
  /** ours / baseline. */
  ratio: number;
  better: 'higher' | 'lower';
}

export interface BenchResults {
  mode: 'full' | 'quick';
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  git: string;
  command: string;
  machine: MachineInfo;
  /** One SQLite write transaction on this disk, as the cms is configured and with WAL (see report/sqlite-probe.ts). */
  sqliteWrite: ReturnType<typeof sqliteWriteProbe>;
  versions: Versions;
  options: { kafka: BenchOptions['kafka']; stages: string[]; profile: BenchOptions['profile'] };
  plan: BenchOptions['plan'];
  setup: {
    bidders: number;
    auctions: Record<string, number>;
    auctionCreateSeconds: number;
    biddersSeconds: number;
    /** Every request the workers made to the cms during the run, by route. */
    workerToCmsRequests: Record<string, number>;
  };
  stages: {
    probe?: KafkaProbeResult;
    http?: HttpSeries;
    /** (a') the real route with no worker running (no post-backs), for the cms's own share. */
    httpSolo?: HttpSeries;
    baseline?: HttpSeries;
    push?: PushResult;
    fanout?: FanoutResult;
    live?: LiveResult;
    notify?: NotifierLagResult;
    replay?: ReplayResult;
  };
  ratios: Ratio[];
  targets: TargetCheck[];
  profiles: ProfileRun[];
  errors: { stage: string; message: string }[];
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function checkTargets(stages: BenchResults['stages']): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const { http, live, replay, push, fanout } = stages;
  checks.push({
    id: 'a-throughput',
    stage: 'a',
    description: 'Accepted bids/s over HTTP (202)',
    target: '≥ 3,000 /s',
    measured: http ? `${fmt(http.maxAchievedRate)} /s` : 'not run',
    met: http ? http.maxAchievedRate >= 3000 : null,
  });
  const at1000 = http?.steps.find((s) => s.offeredRate === 1000);
  checks.push({
    id: 'a-p99-at-1000',
    stage: 'a',
    description: 'p99 latency to the 202 at 1,000 bids/s',
    target: '≤ 50 ms',
    measured: at1000 ? `${at1000.latencyOk.p99} ms` : 'not measured (no 1,000/s step)',
    met: at1000 ? at1000.latencyOk.p99 <= 50 && at1000.ok > 0 : null,
  });
  checks.push({
    id: 'b1-live',
    stage: 'b1',
    description: 'Decided bids/s, live (Kafka → worker → Redis + ledger), manual bids only',
    target: '≥ 20,000 /s',
    measured: live ? `${fmt(live.mixes.manual.rate)} /s` : 'not run',
    met: live ? live.mixes.manual.rate >= 20_000 : null,
  });
  checks.push(proxyMixCheck('b1-proxy-mix', 'b1', 'live', live?.mixes));
  checks.push({
    id: 'b2-replay',
    stage: 'b2',
    description: 'Decided bids/s, replay of a backlog by a new consumer group, manual bids only',
    target: '≥ 50,000 /s',
    measured: replay ? `${fmt(replay.mixes.manual.rate)} /s${replay.completed ? '' : ' (timed out)'}` : 'not run',
    met: replay ? replay.completed && replay.mixes.manual.rate >= 50_000 : null,
  });
  checks.push(proxyMixCheck('b2-proxy-mix', 'b2', 'replay', replay?.mixes));
  checks.push({
    id: 'c-p50',
    stage: 'c',
    description: 'Bid POST → auction:state push, p50',
    target: '≤ 15 ms',
    measured: push ? `${push.latency.p50} ms` : 'not run',
    met: push ? push.latency.count > 0 && push.latency.p50 <= 15 : null,
  });
  checks.push({
    id: 'c-p99',
    stage: 'c',
    description: 'Bid POST → auction:state push, p99',
    target: '≤ 75 ms',
    measured: push ? `${push.latency.p99} ms` : 'not run',
    met: push ? push.latency.count > 0 && push.latency.p99 <= 75 : null,
  });
  checks.push({
    id: 'd-p99',
    stage: 'd',
    description: `Fan-out delivery p99 (${fanout ? fmt(fanout.connected) : '1,000'} watchers, one auction)`,
    target: '≤ 300 ms',
    measured: fanout ? `${fanout.latency.p99} ms` : 'not run',
    met: fanout ? fanout.latency.count > 0 && fanout.latency.p99 <= 300 : null,
  });
  checks.push({
    id: 'd-final-price',
    stage: 'd',
    description: "Every watcher's last seen price is the final price",
    target: 'all watchers',
    measured: fanout ? `${fmt(fanout.clientsWithFinalPrice)} / ${fmt(fanout.connected)}` : 'not run',
    met: fanout ? fanout.connected > 0 && fanout.clientsWrong === 0 && fanout.connected === fanout.sockets : null,
  });
  return checks;
}

/**
 * Decided bids/s with 30 % proxy bids over manual-only, in the same run: within
 * 10 %. Met only if the proxy mix made the engine bid automatically and refuse
 * bids as outbid by a maximum (a mix that never reached the proxy path proves nothing).
 */
function proxyMixCheck(id: string, stage: string, name: string, mixes: MixComparison | undefined): TargetCheck {
  const check = {
    id,
    stage,
    description: `Decided bids/s, ${name}, with 30 % proxy bids ÷ manual bids only (same run, alternating rounds)`,
    target: '≥ 0.90 (within 10 %)',
  };
  if (!mixes) return { ...check, measured: 'not run', met: null };
  const decided = mixes.proxy.decided;
  const path = `${fmt(decided.automaticBids)} automatic bids, ${fmt(decided.outbidByMaximum)} outbid_by_maximum`;
  return {
    ...check,
    measured: `${mixes.ratio ?? '—'} (${fmt(mixes.proxy.rate)} / ${fmt(mixes.manual.rate)} /s; ${path})`,
    met: mixes.ratio !== null && mixes.ratio >= 0.9 && exercisedProxyPath(mixes),
  };
}

export function computeRatios(stages: BenchResults['stages']): Ratio[] {
  const { http, httpSolo, baseline, live, replay } = stages;
  if (!baseline || baseline.maxAchievedRate === 0) return [];
  const ratios: Ratio[] = [];
  const add = (figure: string, ours: number, base: number, better: Ratio['better']) => {
    if (base > 0) ratios.push({ figure, ours, baseline: base, ratio: Math.round((ours / base) * 100) / 100, better });
  };
  if (http) {
    add('Max accepted bids/s over HTTP', http.maxAchievedRate, baseline.maxAchievedRate, 'higher');
    for (const step of http.steps) {
      const base = baseline.steps.find((s) => s.offeredRate === step.offeredRate);
      if (!base || step.ok === 0 || base.ok === 0) continue;
      add(`p50 latency at ${fmt(step.offeredRate)}/s (ms)`, step.latencyOk.p50, base.latencyOk.p50, 'lower');
      add(`p99 latency at ${fmt(step.offeredRate)}/s (ms)`, step.latencyOk.p99, base.latencyOk.p99, 'lower');
      const cmsMs = (s: typeof step) => {
        const cms = s.cpu.find((c) => c.process.startsWith('cms'));
        return cms && s.ok > 0 ? Math.round((cms.cpuSeconds * 1000 * 1000) / s.ok) / 1000 : 0;
      };
      add(`cms CPU ms per accepted bid at ${fmt(step.offeredRate)}/s`, cmsMs(step), cmsMs(base), 'lower');
    }
  }
  if (httpSolo) {
    add('Max accepted bids/s over HTTP, no worker running (a′)', httpSolo.maxAchievedRate, baseline.maxAchievedRate, 'higher');
    for (const step of httpSolo.steps) {
      const base = baseline.steps.find((s) => s.offeredRate === step.offeredRate);
      if (!base || step.ok === 0 || base.ok === 0) continue;
      add(`(a′) p99 latency at ${fmt(step.offeredRate)}/s (ms)`, step.latencyOk.p99, base.latencyOk.p99, 'lower');
      const cmsMs = (s: typeof step) => {
        const cms = s.cpu.find((c) => c.process.startsWith('cms'));
        return cms && s.ok > 0 ? Math.round((cms.cpuSeconds * 1000 * 1000) / s.ok) / 1000 : 0;
      };
      add(`(a′) cms CPU ms per accepted bid at ${fmt(step.offeredRate)}/s`, cmsMs(step), cmsMs(base), 'lower');
    }
  }
  if (live) add('Decided bids/s: live worker (manual bids) vs baseline max', live.mixes.manual.rate, baseline.maxAchievedRate, 'higher');
  if (replay) add('Decided bids/s: replay (manual bids) vs baseline max', replay.mixes.manual.rate, baseline.maxAchievedRate, 'higher');
  return ratios;
}
