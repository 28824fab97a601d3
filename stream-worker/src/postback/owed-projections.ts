import type { Redis } from 'ioredis';
import { AUCTIONS_UNPROJECTED_KEY } from '@car-auction/contracts';
import { ackProjection, partitionOf } from '@car-auction/service-support';
import { readSnapshots } from '../auction-state/read-state';
import type { Logger } from '../log';
import { offerSnapshots } from './offer-snapshots';
import type { ProjectionPoster } from './projection-poster';

/**
 * Post-backs live in the poster's memory until sent, so what the cms is owed is
 * also kept in Redis: the Lua steps that change an auction add it to
 * AUCTIONS_UNPROJECTED_KEY, and the cms's answer for a version takes it out
 * (auction_ack_projection) unless the state has moved on since. What a dead worker
 * still owed is then in Redis, and whoever owns those partitions now sends it.
 */

/** Auctions read per Redis round trip when offering what is owed. */
const OWED_READ_CHUNK = 200;

/** The poster's onDelivered: the cms has answered for this version, so nothing is owed for it any more. */
export function recordDeliveredProjection(redis: Redis, log: Logger) {
  return (auctionId: string, version: number): void => {
    ackProjection(redis, auctionId, version).catch((err) =>
      log.warn({ auctionId, err: (err as Error).message }, 'could not record a delivered projection'),
    );
  };
}

export interface OwedProjectionsDeps {
  redis: Redis;
  poster: Pick<ProjectionPoster, 'offer'>;
  log: Logger;
}

/** Offers the poster every owed auction of the partitions this member now owns. */
export async function offerOwedProjections(deps: OwedProjectionsDeps, partitions: number[]): Promise<void> {
  const owned = new Set(partitions);
  const owed = (await deps.redis.smembers(AUCTIONS_UNPROJECTED_KEY)).filter((id) => owned.has(partitionOf(id)));
  for (let i = 0; i < owed.length; i += OWED_READ_CHUNK) {
    offerSnapshots(deps.poster, (await readSnapshots(deps.redis, owed.slice(i, i + OWED_READ_CHUNK))).values());
  }
  if (owed.length > 0) deps.log.info({ auctions: owed.length }, 'posting owed projections to the cms');
}

/** The consumer's onAssigned: runs in the background, so a failure is logged, not thrown. */
export function offerOwedOnAssignment(deps: OwedProjectionsDeps) {
  return (partitions: number[]): void => {
    offerOwedProjections(deps, partitions).catch((err) =>
      deps.log.warn({ err: (err as Error).message }, 'could not post owed projections'),
    );
  };
}
