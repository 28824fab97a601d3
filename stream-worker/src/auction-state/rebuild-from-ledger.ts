import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { AUCTION_STATE_EPOCH_KEY, AUCTION_STATE_REBUILD_LOCK_KEY, fromStoredLedgerRow, maskName, proxyRowId } from '@car-auction/contracts';
import type { LedgerModel } from '../ledger/bid-ledger';
import type { Logger } from '../log';
import { needing } from '../ops/dependency-error';
import { pipelineWithLibrary, queueRestoreBid } from '@car-auction/service-support';

export interface RebuildDeps {
  redis: Redis;
  ledger: LedgerModel;
  /** Has the cms write every published auction's configuration to Redis again. */
  syncConfig(): Promise<void>;
  log: Logger;
  /** Rows per pipelined round trip; REPLAY_CHUNK_ROWS unless a test wants small chunks. */
  chunkSize?: number;
  /** How long to wait for another worker's rebuild before giving up (the process then restarts). */
  waitLimitMs?: number;
}

const LOCK_TTL_MS = 30_000;
/**
 * Ledger rows restored per pipeline. Not DECIDE_CHUNK_SIZE: a replay chunk is
 * no commit and no ledger write, only the unit between two renewals of the
 * rebuild lock, so it has its own size.
 */
const REPLAY_CHUNK_ROWS = 500;

/**
 * Replays every decided bid of the ledger into Redis, auction by auction in
 * offset order, each applied exactly as it was decided (the Lua step's restore
 * mode), so the state, the stored outcomes and the sequence numbers come back
 * as they were. A close is not in the ledger: one followed by late bids is
 * inferred from their recorded seq (auction_decide in service-support/lua/auction.lua), and one with no bid after
 * it is made again by the closer, from the same state and configuration. A row already
 * restored is skipped by its stored outcome, so a rebuild interrupted half-way
 * can simply be run again.
 */
export async function replayLedger(deps: RebuildDeps, onProgress: () => Promise<void>): Promise<{ auctions: number; rows: number }> {
  const chunkSize = deps.chunkSize ?? REPLAY_CHUNK_ROWS;
  const decided = { outcome: { $in: ['accepted', 'rejected'] as ('accepted' | 'rejected')[] } };
  // Ledger reads are tagged as the ledger's failures, so a retry can say what is down.
  const auctionIds = (await needing('mongo', () => deps.ledger.distinct('auctionId', decided))) as string[];
  let rows = 0;
  for (const auctionId of auctionIds) {
    const found = await needing('mongo', () =>
      deps.ledger
        .find({ auctionId, ...decided })
        .sort({ offset: 1 })
        .lean()
        .exec()
        .then((docs) => docs.map(fromStoredLedgerRow)),
    );
    // Each bid's own row carries the state it left; an automatic bid's row is restored with
    // the bid that caused it, so its stored outcome is the one first decided.
    const automaticFor = new Map(found.filter((r) => r.kind === 'proxy').map((r) => [r.bidId, r]));
    const entries = found.filter((r) => r.kind !== 'proxy');
    for (let i = 0; i < entries.length; i += chunkSize) {
      const restores = entries.slice(i, i + chunkSize).map((e) => {
        const bid = {
          bidId: e.bidId,
          auctionId: e.auctionId,
          partition: e.partition,
          offset: String(e.offset),
          bidderId: e.bidderId,
          maskedName: maskName(e.bidderUsername),
          username: e.bidderUsername,
          amount: e.amount,
          maxAmount: e.maxAmount ?? null,
          placedAt: new Date(e.placedAt).getTime(),
        };
        // A row without a kind was written before maximums and recorded no state.
        const after = e.kind === undefined ? undefined : (e.after ?? null);
        const proxy = automaticFor.get(proxyRowId(e.bidId));
        const automatic = proxy && {
          bidderId: proxy.bidderId,
          bidderUsername: proxy.bidderUsername,
          amount: proxy.amount,
          maxAmount: proxy.maxAmount ?? proxy.amount,
          proxyFor: proxy.proxyFor,
          seq: proxy.seq,
        };
        return queueRestoreBid(bid, {
          outcome: e.outcome as 'accepted' | 'rejected',
          reason: e.reason,
          seq: e.seq,
          after,
          price: e.price,
          automatic,
        });
      });
      for (const [err] of await pipelineWithLibrary(deps.redis, restores)) if (err) throw err;
      rows += Math.min(chunkSize, entries.length - i);
      await onProgress();
    }
  }
  return { auctions: auctionIds.length, rows };
}

/**
 * Makes sure the auction state in Redis is whole before anything is decided:
 * if the epoch is missing (Redis lost its data) one worker takes a lock, asks
 * the cms for the configuration, replays the ledger and marks the state ready;
 * the others wait for it. Returns what happened.
 */
export async function ensureAuctionState(deps: RebuildDeps): Promise<'ready' | 'rebuilt'> {
  const owner = randomUUID();
  const deadline = Date.now() + (deps.waitLimitMs ?? 10 * 60_000);
  for (;;) {
    const epoch = (await deps.redis.get(AUCTION_STATE_EPOCH_KEY)) ?? '';
    if (epoch.startsWith('ready:')) return 'ready';
    if ((await deps.redis.set(AUCTION_STATE_REBUILD_LOCK_KEY, owner, 'PX', LOCK_TTL_MS, 'NX')) === 'OK') break;
    if (Date.now() > deadline) throw new Error('gave up waiting for another worker to rebuild the auction state');
    await sleep(250);
  }
  const started = Date.now();
  try {
    deps.log.warn({ epoch: await deps.redis.get(AUCTION_STATE_EPOCH_KEY) }, 'auction state missing from Redis: rebuilding from the ledger');
    await deps.redis.set(AUCTION_STATE_EPOCH_KEY, `rebuilding:${started}`);
    await deps.syncConfig();
    const renewLock = async () => {
      await deps.redis.pexpire(AUCTION_STATE_REBUILD_LOCK_KEY, LOCK_TTL_MS);
    };
    const { auctions, rows } = await replayLedger(deps, renewLock);
    await deps.redis.set(AUCTION_STATE_EPOCH_KEY, `ready:${Date.now()}`);
    deps.log.warn({ auctions, rows, ms: Date.now() - started }, 'auction state rebuilt from the ledger');
    return 'rebuilt';
  } finally {
    // Only our own lock: a rebuild that outlived its TTL must not free a successor's.
    if ((await deps.redis.get(AUCTION_STATE_REBUILD_LOCK_KEY)) === owner) await deps.redis.del(AUCTION_STATE_REBUILD_LOCK_KEY);
  }
}

/** One rebuild at a time per process: every caller that finds the state lost waits for the same one. */
export function singleFlight(run: () => Promise<unknown>): () => Promise<void> {
  let current: Promise<void> | null = null;
  return () => {
    current ??= run()
      .then(() => undefined)
      .finally(() => {
        current = null;
      });
    return current;
  };
}
