import * as hdr from 'hdr-histogram-js';

/** Latencies are recorded in microseconds, from 1 µs to 10 minutes, 3 significant digits. */
export function newLatencyHistogram(): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3, bitBucketSize: 32 });
}

export interface LatencySummary {
  count: number;
  /** Milliseconds. */
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

const ms = (us: number) => Math.round(us / 10) / 100;

export function summarise(h: hdr.Histogram): LatencySummary {
  if (h.totalCount === 0) return { count: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 };
  return {
    count: h.totalCount,
    p50: ms(h.getValueAtPercentile(50)),
    p90: ms(h.getValueAtPercentile(90)),
    p99: ms(h.getValueAtPercentile(99)),
    p999: ms(h.getValueAtPercentile(99.9)),
    max: ms(h.maxValue),
    mean: ms(h.mean),
  };
}

/** Absolute epoch milliseconds with sub-millisecond precision, comparable across worker threads. */
export const epochMs = () => performance.timeOrigin + performance.now();
