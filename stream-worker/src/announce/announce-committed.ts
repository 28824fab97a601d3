import type { Redis } from 'ioredis';
import type { AuctionClosedEvent } from '@car-auction/contracts';
import { readSnapshots, type AuctionSnapshot } from '../auction-state/read-state';
import type { Logger } from '../log';
import { offerSnapshots } from '../postback/offer-snapshots';
import type { ProjectionPoster } from '../postback/projection-poster';
import type { Decision } from '../processing/decide-batch';
import { changedAuctions, publishClosed, publishDecisions, type RoomEmitter } from '../realtime/publisher';

export interface CommittedStateAnnouncerDeps {
  redis: Redis;
  emitter: RoomEmitter;
  poster: Pick<ProjectionPoster, 'offer'>;
  log: Logger;
}

/**
 * Tells watchers and the cms what is now durable. Called only after the change
 * is committed (a chunk in Redis and the ledger with its offsets committed, or a
 * close in Redis), so nothing is shown that a crash could take back. Runs in
 * the background so it never holds up consumption or the closer; a failure costs
 * a push (clients catch up at the next event or join) and a post (the auction
 * stays owed in Redis, see owed-projections.ts), so it is logged, not thrown.
 */
export function createCommittedStateAnnouncer(deps: CommittedStateAnnouncerDeps) {
  const { redis, emitter, poster, log } = deps;

  /** Reads the auctions' committed state, publishes it with `publish`, then offers it to the poster. */
  const publishAndOffer = (auctionIds: string[], publish: (snapshots: Map<string, AuctionSnapshot>) => void, failure: string) => {
    readSnapshots(redis, auctionIds)
      .then((snapshots) => {
        publish(snapshots);
        offerSnapshots(poster, snapshots.values());
      })
      .catch((err) => log.warn({ err: (err as Error).message }, failure));
  };

  return {
    /** The consumer's onCommitted. */
    decisionsCommitted(decisions: Decision[]): void {
      publishAndOffer(
        changedAuctions(decisions),
        (snapshots) => publishDecisions(emitter, decisions, snapshots),
        'could not publish decisions',
      );
    },
    /** The closer's onClosed. */
    auctionClosed(event: AuctionClosedEvent): void {
      publishAndOffer(
        [event.auctionId],
        (snapshots) => publishClosed(emitter, event, snapshots.get(event.auctionId)),
        'could not publish a close',
      );
    },
  };
}
