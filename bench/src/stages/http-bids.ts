import type { BenchContext } from '../context';
import { log } from '../log';
import { sleep } from '@car-auction/test-support/wait';
import { runOpenLoop, type OpenLoopResult } from '../load/open-loop-http';
import type { BidPlan } from '../load/bid-plan';
import type { CpuUse } from '../procs/cpu';

export interface HttpStep extends OpenLoopResult {
  cpu: CpuUse[];
  /** Requests the worker made to the cms during the step (its post-backs). */
  cmsPostbacks: number;
  saturated: boolean;
}

export interface HttpSeries {
  route: string;
  steps: HttpStep[];
  /** Highest 2xx rate reached at any step. */
  maxAchievedRate: number;
  /** The first offered rate the route could not keep up with, if any. */
  saturatedAtRate: number | null;
}

/** A step is saturated when the route answers clearly slower than offered, fails often, or queues for a second. */
function isSaturated(step: OpenLoopResult): boolean {
  const failed = (step.scheduled - step.ok) / step.scheduled;
  return step.achievedRate < 0.9 * step.offeredRate || failed > 0.05 || step.latencyOk.p99 > 1000;
}

/**
 * Steps of fixed arrival rates, each open-loop for a few seconds, until the
 * route saturates. The same for the real bid route (a) and the baseline.
 */
export async function runHttpSeries(ctx: BenchContext, route: string, bids: BidPlan): Promise<HttpSeries> {
  const { http } = ctx.plan;
  const steps: HttpStep[] = [];
  let offset = await warmUp(ctx, route, bids, 0);
  let saturatedAtRate: number | null = null;
  for (const rate of http.rates) {
    const before = ctx.cpu.snapshot();
    const postbacks = ctx.workerToCms.total();
    const start = offset;
    const result = await runOpenLoop({
      origin: ctx.cms.url,
      rate,
      seconds: http.stepSeconds,
      connections: http.connections,
      drainSeconds: http.drainSeconds,
      request: (i) => bids.request(start + i),
    });
    const cpu = ctx.cpu.between(before, ctx.cpu.snapshot());
    offset += result.scheduled;
    const saturated = isSaturated(result);
    steps.push({ ...result, cpu, saturated, cmsPostbacks: ctx.workerToCms.total() - postbacks });
    log(
      `${route} @ ${rate}/s: ${result.achievedRate}/s ok, p50 ${result.latencyOk.p50} ms, p99 ${result.latencyOk.p99} ms, ` +
        `max ${result.latencyOk.max} ms, outcomes ${JSON.stringify(result.outcomes)}${saturated ? ' -> saturated' : ''}`,
    );
    if (saturated) {
      saturatedAtRate = rate;
      break;
    }
    await sleep(http.pauseSeconds * 1000);
  }
  return { route, steps, maxAchievedRate: Math.max(0, ...steps.map((s) => s.achievedRate)), saturatedAtRate };
}

/** Unmeasured load on the same route and auctions; returns the next bid index. */
export async function warmUp(ctx: BenchContext, route: string, bids: BidPlan, from: number): Promise<number> {
  const { http } = ctx.plan;
  const result = await runOpenLoop({
    origin: ctx.cms.url,
    rate: http.warmup.rate,
    seconds: http.warmup.seconds,
    connections: http.connections,
    drainSeconds: http.drainSeconds,
    request: (i) => bids.request(from + i),
  });
  log(`${route} warm-up @ ${http.warmup.rate}/s for ${http.warmup.seconds} s: ${JSON.stringify(result.outcomes)}`);
  await sleep(http.pauseSeconds * 1000);
  return from + result.scheduled;
}
