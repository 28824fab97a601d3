import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * How late the load generator's own event loop ran during a stage. If this is
 * large, the generator (not the system under test) delayed sends or receipts,
 * and the stage's latencies are overstated by about that much.
 */
export class LoopDelay {
  private readonly h: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });

  start(): this {
    this.h.reset();
    this.h.enable();
    return this;
  }

  stop(): { p99Ms: number; maxMs: number } {
    this.h.disable();
    const toMs = (ns: number) => Math.round(ns / 1e4) / 100;
    return { p99Ms: toMs(this.h.percentile(99)), maxMs: toMs(this.h.max) };
  }
}
