import type { BenchContext } from '../context';
import { freePort } from '@car-auction/test-support/ports';
import { log } from '../log';
import { sleep } from '@car-auction/test-support/wait';
import { BIDS_TOPIC, BidMessageFactory } from '../kafka/bid-messages';
import { totalMessages, type Offsets } from '../kafka/kafka-admin';
import { startWorker, type WorkerProcess } from '../procs/worker-process';
import type { CpuUse } from '../procs/cpu';
import type { BidMixName } from '../load/bid-mix';
import { compareMixes, roundMixes, type MixComparison } from './mix-rounds';

export interface PrefillResult {
  messages: number;
  seconds: number;
  rate: number;
  from: Offsets;
  to: Offsets;
}

/**
 * Writes `count` bids to `bids` as fast as Kafka takes them, one batch of
 * 2,000 at a time: concurrent sends could reach the broker out of order, and an
 * auction's amounts must arrive rising for every bid to be accepted.
 */
export async function prefill(ctx: BenchContext, factory: BidMessageFactory, count: number, firstIndex: number): Promise<PrefillResult> {
  const producer = await ctx.kafka.producer();
  const from = await ctx.kafka.topicEnd();
  const started = performance.now();
  try {
    const batchSize = 2000;
    for (let b = 0; b * batchSize < count; b++) {
      const n = Math.min(batchSize, count - b * batchSize);
      const placedAt = Date.now();
      const messages = Array.from({ length: n }, (_, k) => factory.message(firstIndex + b * batchSize + k, placedAt));
      await producer.send({ topic: BIDS_TOPIC, acks: -1, messages });
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  const seconds = (performance.now() - started) / 1000;
  const to = await ctx.kafka.topicEnd();
  const messages = totalMessages(from, to);
  return { messages, seconds, rate: Math.round(messages / seconds), from, to };
}

export interface CatchUpResult {
  completed: boolean;
  secondsFromSpawn: number;
  secondsFromJoin: number;
  committed: number;
}

/** Polls the group's committed offsets until they reach `to` (or the timeout). */
export async function waitForCatchUp(
  ctx: BenchContext,
  worker: WorkerProcess,
  to: Offsets,
  messages: number,
  timeoutSeconds: number,
): Promise<CatchUpResult> {
  const deadline = worker.healthyAt + timeoutSeconds * 1000;
  let lag: number;
  for (;;) {
    lag = await ctx.kafka.lag(worker.groupId, to);
    if (lag === 0 || Date.now() >= deadline) break;
    if (worker.child.exitCode !== null) throw new Error(`replay worker exited with ${worker.child.exitCode}:\n${worker.tail()}`);
    await sleep(100);
  }
  const doneAt = Date.now();
  return {
    completed: lag === 0,
    secondsFromSpawn: (doneAt - worker.spawnedAt) / 1000,
    secondsFromJoin: (doneAt - worker.healthyAt) / 1000,
    committed: messages - lag,
  };
}

/** One round of (b2): a backlog of one mix, replayed by a fresh worker in a new consumer group. */
export interface ReplayRound {
  mix: BidMixName;
  messages: number;
  auctions: number;
  prefillRate: number;
  completed: boolean;
  /** Committed messages / seconds since the worker joined its group (start-up excluded). */
  rateFromJoin: number;
  /** The same since the process was spawned (start-up included). */
  rateFromSpawn: number;
  secondsFromJoin: number;
  secondsFromSpawn: number;
  cpu: CpuUse[];
  cmsPostbacks: number;
  /** The worker's decisions, by outcome and reason. */
  decisions: Record<string, number>;
  /** The automatic bids the engine made for maximums. */
  automaticBids: number;
}

export interface ReplayResult {
  /** In the order run. */
  rounds: ReplayRound[];
  /** Every round caught up within the timeout. */
  completed: boolean;
  /** Rate from group join, manual-only vs 30 % proxy bids (each its own auctions). */
  mixes: MixComparison;
}

/**
 * (b2) Replay: a backlog of bids, then a worker with a new consumer group
 * positioned at the backlog's first offsets, timed until it has committed the
 * high watermark. Rounds alternate the manual-only and the proxy mix (ABBA),
 * each on its own auctions. Needs no other worker running (one would decide
 * the backlog first).
 */
export async function runReplay(ctx: BenchContext): Promise<ReplayResult> {
  const factories = { manual: ctx.replayMessages, proxy: new BidMessageFactory(ctx.auctions.replayProxy, ctx.bidders, 'proxy') };
  const sent = { manual: 0, proxy: 0 };
  const rounds: ReplayRound[] = [];
  for (const [r, mix] of roundMixes(ctx.plan.replay.rounds).entries()) {
    rounds.push(await runReplayRound(ctx, factories[mix], sent[mix], r + 1));
    sent[mix] += ctx.plan.replay.messages;
  }
  const mixes = compareMixes(
    factories,
    rounds.map((r) => ({ ...r, rate: r.rateFromJoin })),
  );
  return { rounds, completed: rounds.every((r) => r.completed), mixes };
}

async function runReplayRound(ctx: BenchContext, factory: BidMessageFactory, firstIndex: number, round: number): Promise<ReplayRound> {
  const { replay } = ctx.plan;
  const filled = await prefill(ctx, factory, replay.messages, firstIndex);
  log(`replay: round ${round}, ${factory.mix} mix: prefilled ${filled.messages} bids in ${filled.seconds.toFixed(1)} s (${filled.rate}/s)`);
  const groupId = `bench-${ctx.runTag}-replay-${round}`;
  await ctx.kafka.positionGroup(groupId, filled.from);
  const before = ctx.cpu.snapshot();
  const postbacks = ctx.workerToCms.total();
  const worker = await startWorker({
    port: await freePort(),
    groupId,
    cmsUrl: ctx.workerToCms.url,
    services: ctx.services,
    logName: `worker-replay-${round}-${ctx.runTag}`,
  });
  ctx.cpu.track('stream-worker', worker.pid);
  try {
    const caught = await waitForCatchUp(ctx, worker, filled.to, filled.messages, replay.timeoutSeconds);
    const cpu = ctx.cpu.between(before, ctx.cpu.snapshot());
    const result: ReplayRound = {
      mix: factory.mix,
      messages: filled.messages,
      auctions: factory.auctionIds.length,
      prefillRate: filled.rate,
      completed: caught.completed,
      rateFromJoin: Math.round(caught.committed / caught.secondsFromJoin),
      rateFromSpawn: Math.round(caught.committed / caught.secondsFromSpawn),
      secondsFromJoin: caught.secondsFromJoin,
      secondsFromSpawn: caught.secondsFromSpawn,
      cpu,
      cmsPostbacks: ctx.workerToCms.total() - postbacks,
      decisions: await worker.decidedByOutcome().catch(() => ({})),
      automaticBids: await worker.automaticTotal().catch(() => 0),
    };
    log(
      `replay (${factory.mix}): ${caught.committed}/${filled.messages} committed in ${caught.secondsFromJoin.toFixed(1)} s after join ` +
        `(${result.rateFromJoin}/s; ${result.rateFromSpawn}/s from spawn)${caught.completed ? '' : ' -> TIMED OUT'}`,
    );
    return result;
  } finally {
    await worker.stop();
    ctx.cpu.untrack('stream-worker');
  }
}
