import type { Admin } from 'kafkajs';
import type { Redis } from 'ioredis';
import { AUCTION_STATE_EPOCH_KEY, AUCTIONS_BY_END_KEY, BIDS_TOPIC, type AuctionClosedEvent } from '@car-auction/contracts';
import { closeAuction, partitionOf } from '@car-auction/service-support';
import type { Logger } from '../log';
import type { Metrics } from '../ops/metrics';
import { periodic } from '@car-auction/service-support';

export interface AuctionCloserOptions {
  redis: Redis;
  /** The process's admin, connected and disconnected by its owner: reads the partitions' high watermarks. */
  admin: Pick<Admin, 'fetchTopicOffsets'>;
  log: Logger;
  metrics: Metrics;
  graceMs: number;
  intervalMs: number;
  assignedPartitions(): number[];
  processedUpTo(partition: number): bigint | undefined;
  onClosed(event: AuctionClosedEvent): void;
  /** Redis lost the state: have it rebuilt (closes wait until it is). */
  onStateLost(): void;
  /** False while what a close needs (Redis, the broker's high watermarks) is down: the tick is skipped, not failed. */
  canWork?(): boolean;
}

/**
 * Closes auctions whose effective end has passed, but only once their partition
 * has been processed past it: at a time at least `graceMs` after the end (longer
 * than the cms may take to get a bid acknowledged), this worker must have
 * committed everything up to the partition's high watermark. A bid stamped
 * before the end is then already decided, however far the worker lagged.
 * Only the partition's owner closes its auctions (one writer per auction).
 */
export function createAuctionCloser(options: AuctionCloserOptions) {
  const { admin } = options;

  const tick = async () => {
    if (options.canWork && !options.canWork()) return;
    // The end index is gone too when Redis loses its data, so no close would ever
    // find the loss: look at the epoch itself, once a tick.
    if (!((await options.redis.get(AUCTION_STATE_EPOCH_KEY)) ?? '').startsWith('ready:')) {
      options.onStateLost();
      return;
    }
    const endedBy = Date.now() - options.graceMs;
    const due = await options.redis.zrangebyscore(AUCTIONS_BY_END_KEY, '-inf', endedBy, 'LIMIT', 0, 200);
    const mine = new Set(options.assignedPartitions());
    const candidates = due.filter((id) => mine.has(partitionOf(id)));
    if (candidates.length === 0) return;
    // Read after endedBy was fixed: everything stamped before endedBy + grace is below these marks.
    const highs = new Map((await admin.fetchTopicOffsets(BIDS_TOPIC)).map((o) => [o.partition, BigInt(o.high)]));
    for (const auctionId of candidates) {
      const partition = partitionOf(auctionId);
      const high = highs.get(partition) ?? 0n;
      const processed = options.processedUpTo(partition) ?? 0n;
      if (processed < high) continue;
      const result = await closeAuction(options.redis, auctionId, endedBy);
      if (!result.closed && result.why === 'state_lost') {
        options.onStateLost();
        return;
      }
      if (!result.closed) continue;
      options.log.info({ auctionId, partition, status: result.status, finalPrice: result.finalPrice }, 'auction closed');
      options.metrics.auctionsClosed.inc({ status: result.status });
      options.onClosed({
        auctionId,
        status: result.status,
        finalPrice: result.finalPrice,
        leaderName: result.leaderName,
        seq: result.seq,
      });
    }
  };

  return periodic(tick, options.intervalMs, (err) =>
    options.log.warn({ err: (err as Error).message }, 'auction close check failed; will retry'),
  );
}
