import type { AuctionProjection } from '@car-auction/contracts';
import type { AuctionSnapshot } from '../auction-state/read-state';
import type { ProjectionPoster } from './projection-poster';

/** What the cms is told about an auction: its public state and its leader's user id, versioned by the state's seq. */
export function projectionOf(snapshot: AuctionSnapshot): AuctionProjection {
  const { live } = snapshot;
  return {
    version: live.seq,
    currentPrice: live.currentPrice,
    leaderUserId: snapshot.leaderId,
    leaderName: live.leaderName,
    bidCount: live.bidCount,
    saleStatus: live.status,
    endsAt: live.endsAt,
  };
}

/** Offers each auction's state to the poster, which keeps only the newest per auction and never waits. */
export function offerSnapshots(poster: Pick<ProjectionPoster, 'offer'>, snapshots: Iterable<AuctionSnapshot>): void {
  for (const snapshot of snapshots) poster.offer(snapshot.live.auctionId, projectionOf(snapshot));
}
