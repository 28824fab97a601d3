import type { BenchContext } from '../context';
import { log } from '../log';
import { sleep } from '@car-auction/test-support/wait';
import { pooled } from '@car-auction/test-support/pool';
import { BidPlan, realBidPath } from '../load/bid-plan';
import { LoopDelay } from '../load/event-loop';
import { epochMs, newLatencyHistogram, summarise, type LatencySummary } from '../load/histogram';
import { runOpenLoop } from '../load/open-loop-http';
import { connectWatcher, joinAuction, type WatchSocket } from '../load/sockets';
import type { CpuUse } from '../procs/cpu';

export interface PushResult {
  rate: number;
  seconds: number;
  auctions: number;
  sockets: number;
  sent: number;
  /** Bids answered 202. */
  accepted: number;
  /** Accepted bids whose exact price reached a watcher. */
  observed: number;
  /** Accepted bids never seen as such: coalesced into a later state by the worker, or refused by it. */
  notObserved: number;
  outcomes: Record<string, number>;
  /** From the bid's scheduled POST to the auction:state carrying its price. */
  latency: LatencySummary;
  httpLatency: LatencySummary;
  cpu: CpuUse[];
  cmsPostbacks: number;
  generatorLoopDelay: { p99Ms: number; maxMs: number };
}

/**
 * (c) One watcher per auction, joined to its room; bids POSTed open-loop and
 * spread over the auctions; latency from each bid's scheduled send to the first
 * auction:state whose currentPrice is that bid's amount.
 */
export async function runPushLatency(ctx: BenchContext): Promise<PushResult> {
  if (!ctx.worker) throw new Error('push latency needs a running worker');
  const { push } = ctx.plan;
  const auctions = ctx.auctions.push;
  const sockets: WatchSocket[] = [];
  try {
    const joined = await pooled(
      auctions.map((auction) => async () => {
        const socket = await connectWatcher(ctx.worker!.url);
        sockets.push(socket);
        await joinAuction(socket, auction.documentId);
        return socket;
      }),
      10,
    );
    log(`push: ${joined.length} watchers joined`);

    // auction -> amount -> scheduled send time (epoch ms); entries leave once seen or overtaken.
    const pending = new Map<string, Map<number, number>>();
    const amounts: { auctionId: string; amount: number }[] = [];
    const hist = newLatencyHistogram();
    let observed = 0;
    for (const socket of sockets) {
      socket.on('auction:state', (state) => {
        const at = epochMs();
        const waiting = pending.get(state.auctionId);
        if (!waiting || state.currentPrice === null) return;
        const sentAt = waiting.get(state.currentPrice);
        if (sentAt !== undefined) {
          hist.recordValue(Math.max(1, Math.round((at - sentAt) * 1000)));
          observed++;
        }
        // Lower amounts can no longer appear: the price never goes back.
        for (const amount of waiting.keys()) if (amount <= state.currentPrice) waiting.delete(amount);
      });
    }

    const bids = new BidPlan(auctions, ctx.bidders, realBidPath);
    let accepted = 0;
    const loop = new LoopDelay().start();
    const before = ctx.cpu.snapshot();
    const postbacks = ctx.workerToCms.total();
    const result = await runOpenLoop({
      origin: ctx.cms.url,
      rate: push.rate,
      seconds: push.seconds,
      connections: ctx.plan.http.connections,
      drainSeconds: ctx.plan.http.drainSeconds,
      request: (i) => {
        const req = bids.request(i);
        amounts[i] = { auctionId: req.auctionId, amount: req.amount };
        return req;
      },
      onSend: (i, scheduledAt) => {
        const { auctionId, amount } = amounts[i]!;
        let waiting = pending.get(auctionId);
        if (!waiting) pending.set(auctionId, (waiting = new Map()));
        waiting.set(amount, scheduledAt);
      },
      onAnswer: (_i, status) => {
        if (status === 202) accepted++;
      },
    });
    // Let the last decisions reach the watchers.
    const settleUntil = Date.now() + 5_000;
    while (Date.now() < settleUntil && observed < accepted) await sleep(100);
    const cpu = ctx.cpu.between(before, ctx.cpu.snapshot());
    const generatorLoopDelay = loop.stop();
    const latency = summarise(hist);
    log(
      `push: ${observed} bids seen with their price (${accepted} answered 202), p50 ${latency.p50} ms, p99 ${latency.p99} ms, max ${latency.max} ms`,
    );
    return {
      rate: push.rate,
      seconds: push.seconds,
      auctions: auctions.length,
      sockets: sockets.length,
      sent: result.scheduled,
      accepted,
      observed,
      notObserved: Math.max(0, accepted - observed),
      outcomes: result.outcomes,
      latency,
      httpLatency: result.latencyOk,
      cpu,
      cmsPostbacks: ctx.workerToCms.total() - postbacks,
      generatorLoopDelay,
    };
  } finally {
    for (const socket of sockets) socket.close();
  }
}
