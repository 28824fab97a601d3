import { Pool } from 'undici';
import { LoopDelay } from './event-loop';
import { newLatencyHistogram, summarise, type LatencySummary } from './histogram';

export interface BidRequest {
  path: string;
  token: string;
  body: string;
  /** Sent as Idempotency-Key, as the bidding app does for every bid. */
  idempotencyKey?: string;
}

export interface OpenLoopOptions {
  origin: string;
  /** Requests per second, on a fixed schedule. */
  rate: number;
  seconds: number;
  connections: number;
  /** How long after the last scheduled send to wait for answers before aborting them. */
  drainSeconds: number;
  /** The i-th request of the schedule. */
  request(i: number): BidRequest;
  /** Called when request i is due, with its scheduled time as epoch milliseconds. */
  onSend?(i: number, scheduledEpochMs: number): void;
  /** Called with each answer's status (0 for a transport error). */
  onAnswer?(i: number, status: number): void;
}

export interface OpenLoopResult {
  offeredRate: number;
  seconds: number;
  scheduled: number;
  /** Answers with a 2xx status. */
  ok: number;
  /** 2xx answers per second, from the first scheduled send to the last answer. */
  achievedRate: number;
  /** Count per "status code" (with our error code for 4xx/5xx) or transport error. */
  outcomes: Record<string, number>;
  /** From each request's scheduled send time to its answer: 2xx only, and all answers. */
  latencyOk: LatencySummary;
  latencyAll: LatencySummary;
  /** How late requests left the generator relative to their schedule. */
  sendLag: LatencySummary;
  generatorLoopDelay: { p99Ms: number; maxMs: number };
}

/**
 * Open-loop load: request i is due at t0 + i/rate whether or not earlier ones
 * were answered, and its latency counts from that scheduled time, not from when
 * it actually left. A slow server therefore shows up as latency (queueing in the
 * client pool included) instead of as a lower request rate: no coordinated omission.
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { rate, seconds } = options;
  const total = Math.max(1, Math.round(rate * seconds));
  const pool = new Pool(options.origin, {
    connections: options.connections,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
  const okHist = newLatencyHistogram();
  const allHist = newLatencyHistogram();
  const lagHist = newLatencyHistogram();
  const outcomes: Record<string, number> = {};
  const count = (key: string) => (outcomes[key] = (outcomes[key] ?? 0) + 1);
  let ok = 0;
  let outstanding = 0;
  let sent = 0;
  let aborted = false;
  let lastAnswerAt = 0;
  const loop = new LoopDelay().start();
  const intervalMs = 1000 / rate;
  const t0 = performance.now() + 20;
  const t0Epoch = performance.timeOrigin + t0;

  let settle: () => void = () => undefined;
  const allAnswered = new Promise<void>((resolve) => (settle = resolve));
  const checkDone = () => {
    if (sent === total && outstanding === 0) settle();
  };

  const fire = (i: number) => {
    const scheduledAt = t0 + i * intervalMs;
    const now = performance.now();
    lagHist.recordValue(Math.max(1, Math.round((now - scheduledAt) * 1000)));
    const req = options.request(i);
    options.onSend?.(i, t0Epoch + i * intervalMs);
    outstanding++;
    pool
      .request({
        path: req.path,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${req.token}`,
          ...(req.idempotencyKey ? { 'idempotency-key': req.idempotencyKey } : {}),
        },
        body: req.body,
      })
      .then(async ({ statusCode, body }) => {
        const text = await body.text();
        const doneAt = performance.now();
        const us = Math.max(1, Math.round((doneAt - scheduledAt) * 1000));
        allHist.recordValue(us);
        if (statusCode >= 200 && statusCode < 300) {
          ok++;
          okHist.recordValue(us);
          lastAnswerAt = doneAt;
          count(String(statusCode));
        } else {
          count(`${statusCode} ${errorCode(text)}`.trim());
        }
        options.onAnswer?.(i, statusCode);
      })
      .catch((err: Error & { code?: string }) => {
        count(aborted ? 'no answer before the drain deadline' : `transport error ${err.code ?? err.name}`);
        options.onAnswer?.(i, 0);
      })
      .finally(() => {
        outstanding--;
        checkDone();
      });
  };

  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - t0) / intervalMs) + 1);
      while (sent < due) fire(sent++);
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    setTimeout(tick, Math.max(0, t0 - performance.now()));
  });
  checkDone();
  const drainTimer = setTimeout(() => {
    aborted = true;
    void pool.destroy();
  }, options.drainSeconds * 1000);
  await allAnswered;
  clearTimeout(drainTimer);
  const generatorLoopDelay = loop.stop();
  await pool.close().catch(() => undefined);

  const windowSeconds = Math.max(seconds, (lastAnswerAt - t0) / 1000);
  return {
    offeredRate: rate,
    seconds,
    scheduled: total,
    ok,
    achievedRate: Math.round(ok / windowSeconds),
    outcomes,
    latencyOk: summarise(okHist),
    latencyAll: summarise(allHist),
    sendLag: summarise(lagHist),
    generatorLoopDelay,
  };
}

/** Our error code from Strapi's error envelope, if the body has one. */
function errorCode(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { details?: { code?: string }; name?: string } };
    return body.error?.details?.code ?? body.error?.name ?? '';
  } catch {
    return '';
  }
}
