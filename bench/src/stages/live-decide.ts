import type { BenchContext } from '../context';
import { log } from '../log';
import { sleep } from '@car-auction/test-support/wait';
import { BidMessageFactory, BIDS_TOPIC } from '../kafka/bid-messages';
import { LoopDelay } from '../load/event-loop';
import { newLatencyHistogram, summarise, type LatencySummary } from '../load/histogram';
import type { CpuUse } from '../procs/cpu';
import { counterDelta, type WorkerProcess } from '../procs/worker-process';
import type { BidMixName } from '../load/bid-mix';
import { compareMixes, roundMixes, type MixComparison } from './mix-rounds';

/** One round of (b1): one mix at the offered rate, then drained. */
export interface LiveRound {
  mix: BidMixName;
  offeredRate: number;
  seconds: number;
  auctions: number;
  /** Messages Kafka acknowledged. */
  produced: number;
  produceRate: number;
  /** Scheduled time of a batch's first message -> Kafka's ack of the batch. */
  produceAckLatency: LatencySummary;
  /** Decisions per second while bids were being produced (first second left out as warm-up). */
  decidedRateDuringLoad: number;
  /** All produced bids / time from the first send until the worker had decided them all; null if it had not within the drain time. */
  decidedRateOverall: number | null;
  /** The worker's decisions on them, by outcome and reason. */
  decisions: Record<string, number>;
  /** The automatic bids the engine made for maximums meanwhile. */
  automaticBids: number;
  /** Produced bids not yet decided when the stage ended. */
  backlogAtEnd: number;
  secondsToDrain: number | null;
  cpu: CpuUse[];
  cmsPostbacks: number;
  generatorLoopDelay: { p99Ms: number; maxMs: number };
}

/**
 * One send in flight at a time: everything due goes in the next batch, so the
 * batch grows when Kafka is slow (the schedule never waits for the worker), and
 * an auction's rising amounts reach the broker in order (concurrent sends may not).
 */
const MAX_IN_FLIGHT = 1;
const MAX_BATCH = 5_000;

export interface LiveResult {
  /** In the order run. */
  rounds: LiveRound[];
  /** Decided bids/s during the load, manual-only vs 30 % proxy bids (each its own auctions). */
  mixes: MixComparison;
}

/**
 * (b1) Bids produced straight to `bids` on a fixed schedule (no HTTP), while
 * the live worker decides them; decisions counted from its /metrics. Rounds
 * alternate the manual-only and the proxy mix (ABBA), each on its own auctions,
 * and each round is drained before the next starts.
 */
export async function runLiveDecide(ctx: BenchContext): Promise<LiveResult> {
  const worker = ctx.worker;
  if (!worker) throw new Error('the live stage needs a running worker');
  const factories = {
    manual: new BidMessageFactory(ctx.auctions.live, ctx.bidders, 'manual'),
    proxy: new BidMessageFactory(ctx.auctions.liveProxy, ctx.bidders, 'proxy'),
  };
  const perRound = Math.round(ctx.plan.live.rate * ctx.plan.live.seconds);
  const sent = { manual: 0, proxy: 0 };
  const rounds: LiveRound[] = [];
  for (const [r, mix] of roundMixes(ctx.plan.live.rounds).entries()) {
    log(`live: round ${r + 1}, ${mix} mix`);
    const decidedBefore = await worker.decidedTotal();
    const round = await runLiveRound(ctx, worker, factories[mix], sent[mix]);
    sent[mix] += perRound;
    rounds.push(round);
    if (round.backlogAtEnd > 0) await awaitBacklog(worker, decidedBefore + round.produced, ctx.plan.live.drainSeconds);
  }
  const mixes = compareMixes(
    factories,
    rounds.map((r) => ({ ...r, rate: r.decidedRateDuringLoad })),
  );
  return { rounds, mixes };
}

/** A round not drained in time: let the worker finish it before the next round, so that one measures its own mix only. */
async function awaitBacklog(worker: WorkerProcess, target: number, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline && (await worker.decidedTotal()) < target) await sleep(200);
  const left = Math.max(0, target - (await worker.decidedTotal()));
  log(`live: waited for the round's backlog before the next round; ${left} bids still undecided`);
}

async function runLiveRound(ctx: BenchContext, worker: WorkerProcess, factory: BidMessageFactory, firstIndex: number): Promise<LiveRound> {
  const { live } = ctx.plan;
  const producer = await ctx.kafka.producer();
  const ackHist = newLatencyHistogram();
  const samples: { at: number; decided: number }[] = [];
  const decided0 = await worker.decidedTotal();
  const outcomes0 = await worker.decidedByOutcome();
  const automatic0 = await worker.automaticTotal();
  let sampling = true;
  const sampler = (async () => {
    for (let guard = 0; sampling && guard < 10_000; guard++) {
      samples.push({ at: Date.now(), decided: (await worker.decidedTotal().catch(() => samples.at(-1)?.decided ?? decided0)) - decided0 });
      await sleep(250);
    }
  })();

  const total = Math.round(live.rate * live.seconds);
  const intervalMs = 1000 / live.rate;
  let produced = 0;
  let scheduled = 0;
  let inFlight = 0;
  let failures = 0;
  const loop = new LoopDelay().start();
  const before = ctx.cpu.snapshot();
  const postbacks = ctx.workerToCms.total();
  const t0 = performance.now();
  const startedAt = Date.now();
  try {
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        const due = Math.min(total, Math.floor((now - t0) / intervalMs) + 1);
        while (scheduled < due && inFlight < MAX_IN_FLIGHT) {
          const first = scheduled;
          const n = Math.min(due - scheduled, MAX_BATCH);
          const placedAt = Date.now();
          const messages = Array.from({ length: n }, (_, k) => factory.message(firstIndex + first + k, placedAt));
          scheduled += n;
          inFlight++;
          const scheduledAt = t0 + first * intervalMs;
          producer
            .send({ topic: BIDS_TOPIC, acks: -1, messages })
            .then(() => {
              produced += n;
              ackHist.recordValue(Math.max(1, Math.round((performance.now() - scheduledAt) * 1000)));
            })
            .catch(() => (failures += n))
            .finally(() => inFlight--);
        }
        if (scheduled < total) setTimeout(tick, 2);
        else resolve();
      };
      tick();
    });
    for (let guard = 0; inFlight > 0 && guard < 3000; guard++) await sleep(10);
    const produceSeconds = (performance.now() - t0) / 1000;
    const loadEndedAt = Date.now();
    if (failures > 0) log(`live: ${failures} messages failed to produce`);

    // Drain: wait (bounded) until the worker has decided everything produced.
    const drainDeadline = Date.now() + live.drainSeconds * 1000;
    let drainedAt: number | null = null;
    while (Date.now() < drainDeadline) {
      const decided = (await worker.decidedTotal()) - decided0;
      if (decided >= produced) {
        drainedAt = Date.now();
        break;
      }
      await sleep(100);
    }
    const decidedNow = (await worker.decidedTotal()) - decided0;
    const decisions = counterDelta(await worker.decidedByOutcome(), outcomes0);
    const automaticBids = (await worker.automaticTotal()) - automatic0;
    const cpu = ctx.cpu.between(before, ctx.cpu.snapshot());
    const generatorLoopDelay = loop.stop();
    sampling = false;
    await sampler;

    const during = samples.filter((s) => s.at >= startedAt + 1000 && s.at <= loadEndedAt);
    const first = during[0];
    const last = during.at(-1);
    const decidedRateDuringLoad =
      first && last && last.at > first.at ? Math.round(((last.decided - first.decided) * 1000) / (last.at - first.at)) : 0;
    const result: LiveRound = {
      mix: factory.mix,
      offeredRate: live.rate,
      seconds: live.seconds,
      auctions: factory.auctionIds.length,
      produced,
      produceRate: Math.round(produced / produceSeconds),
      produceAckLatency: summarise(ackHist),
      decidedRateDuringLoad,
      decidedRateOverall: drainedAt ? Math.round((produced * 1000) / (drainedAt - startedAt)) : null,
      decisions,
      automaticBids,
      backlogAtEnd: Math.max(0, produced - decidedNow),
      secondsToDrain: drainedAt ? (drainedAt - loadEndedAt) / 1000 : null,
      cpu,
      cmsPostbacks: ctx.workerToCms.total() - postbacks,
      generatorLoopDelay,
    };
    log(
      `live (${factory.mix}): produced ${produced} at ${result.produceRate}/s; decided ${result.decidedRateDuringLoad}/s during load, ` +
        `${result.decidedRateOverall ?? 'n/a'}/s overall; backlog at end ${result.backlogAtEnd}`,
    );
    return result;
  } finally {
    sampling = false;
    await producer.disconnect().catch(() => undefined);
  }
}
