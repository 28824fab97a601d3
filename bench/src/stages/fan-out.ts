import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Redis } from 'ioredis';
import { auctionStateKey } from '@car-auction/contracts';
import type { BenchContext } from '../context';
import { log } from '../log';
import { eventually } from '@car-auction/test-support/wait';
import { BidPlan, realBidPath } from '../load/bid-plan';
import { runOpenLoop } from '../load/open-loop-http';
import type { LatencySummary } from '../load/histogram';
import type { FanoutClientsInput, FanoutCommand, FanoutReport } from '../load/fanout-clients';
import type { CpuUse } from '../procs/cpu';

type ResultReport = Extract<FanoutReport, { type: 'result' }>;

export interface FanoutResult extends Omit<ResultReport, 'type'> {
  sockets: number;
  connected: number;
  connectSeconds: number;
  updatesPerSecond: number;
  seconds: number;
  sent: number;
  accepted: number;
  outcomes: Record<string, number>;
  finalPrice: number | null;
  httpLatency: LatencySummary;
  cpu: CpuUse[];
  cmsPostbacks: number;
  generatorLoopDelay: { p99Ms: number; maxMs: number };
}

/**
 * (d) Many watchers on one auction (held in a worker thread) while its price
 * moves at a fixed rate through the real bid route; every watcher must end on
 * the final price.
 */
export async function runFanout(ctx: BenchContext): Promise<FanoutResult> {
  if (!ctx.worker) throw new Error('fan-out needs a running worker');
  const { fanout } = ctx.plan;
  const auction = ctx.auctions.fanout[0]!;
  const input: FanoutClientsInput = { url: ctx.worker.url, auctionId: auction.documentId, sockets: fanout.sockets };
  const thread = new Worker(path.join(__dirname, '..', 'load', 'fanout-clients.js'), { workerData: input });
  const reports: FanoutReport[] = [];
  let threadError: Error | null = null;
  thread.on('message', (report: FanoutReport) => reports.push(report));
  thread.on('error', (err) => (threadError = err));
  const next = <T extends FanoutReport['type']>(type: T, timeoutMs: number) =>
    eventually(
      `the fan-out clients' ${type} report`,
      async () => {
        if (threadError) throw threadError;
        return reports.find((r) => r.type === type) as Extract<FanoutReport, { type: T }> | undefined;
      },
      { timeoutMs, intervalMs: 50 },
    );
  const redis = new Redis(ctx.services.redisUrl, { maxRetriesPerRequest: 2 });
  try {
    const ready = await next('ready', 120_000);
    log(
      `fan-out: ${ready.connected}/${fanout.sockets} watchers joined in ${ready.connectSeconds.toFixed(1)} s${ready.firstError ? ` (first error: ${ready.firstError})` : ''}`,
    );
    if (ready.connected === 0) throw new Error(`no fan-out watcher could connect: ${ready.firstError}`);

    const bids = new BidPlan([auction], ctx.bidders, realBidPath);
    const amounts: number[] = [];
    let accepted = 0;
    let highestAccepted: number | null = null;
    const before = ctx.cpu.snapshot();
    const postbacks = ctx.workerToCms.total();
    const result = await runOpenLoop({
      origin: ctx.cms.url,
      rate: fanout.updatesPerSecond,
      seconds: fanout.seconds,
      connections: 64,
      drainSeconds: ctx.plan.http.drainSeconds,
      request: (i) => {
        const req = bids.request(i);
        amounts[i] = req.amount;
        return req;
      },
      onSend: (i, at) => thread.postMessage({ type: 'sent', amount: amounts[i]!, at } satisfies FanoutCommand),
      onAnswer: (i, status) => {
        if (status !== 202) return;
        accepted++;
        highestAccepted = Math.max(highestAccepted ?? 0, amounts[i]!);
      },
    });
    // The final price is the worker's, once it has decided every accepted bid.
    const key = auctionStateKey(auction.documentId);
    let finalPrice: number | null = null;
    let stableSince = Date.now();
    const settleDeadline = Date.now() + 15_000;
    while (Date.now() < settleDeadline) {
      const price = Number((await redis.hget(key, 'currentPrice')) ?? NaN);
      if (price !== finalPrice) {
        finalPrice = Number.isFinite(price) ? price : null;
        stableSince = Date.now();
      }
      if (finalPrice !== null && (finalPrice === highestAccepted || Date.now() - stableSince > 2_000)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    thread.postMessage({ type: 'finish', finalPrice: finalPrice ?? -1, waitMs: 10_000 } satisfies FanoutCommand);
    const report = await next('result', 30_000);
    const cpu = ctx.cpu.between(before, ctx.cpu.snapshot());
    log(
      `fan-out: ${report.deliveries} deliveries to ${ready.connected} watchers, p50 ${report.latency.p50} ms, p99 ${report.latency.p99} ms; ` +
        `${report.clientsWithFinalPrice}/${ready.connected} watchers ended on the final price ${finalPrice}`,
    );
    const { type: _type, ...figures } = report;
    return {
      ...figures,
      sockets: fanout.sockets,
      connected: ready.connected,
      connectSeconds: ready.connectSeconds,
      updatesPerSecond: fanout.updatesPerSecond,
      seconds: fanout.seconds,
      sent: result.scheduled,
      accepted,
      outcomes: result.outcomes,
      finalPrice,
      httpLatency: result.latencyOk,
      cpu,
      cmsPostbacks: ctx.workerToCms.total() - postbacks,
      generatorLoopDelay: result.generatorLoopDelay,
    };
  } finally {
    redis.disconnect();
    await thread.terminate();
  }
}
