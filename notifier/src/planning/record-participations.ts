import type { AuctionEvent } from '@car-auction/contracts';
import type { NotifierModels, ParticipationDoc } from '../store/models';

/**
 * Keeps "My bids" up to date from the events: leading or outbid as the lead
 * changes hands, won or lost at the close (for everyone who had a standing
 * bid: the close's audience of bidders). One auction's events come in order
 * (one partition), so the last one of a batch is where the user stands; a
 * redelivery replays the same events in the same order and ends in the same
 * place.
 */
export async function recordParticipations(
  events: readonly AuctionEvent[],
  deps: {
    models: Pick<NotifierModels, 'participations'>;
    titleOf(auctionId: string): string;
    biddersOf(auctionId: string): Promise<number[]>;
  },
): Promise<void> {
  const latest = new Map<string, ParticipationDoc>();
  const set = (userId: number, event: AuctionEvent, status: ParticipationDoc['status'], price: number | null) => {
    const _id = `${userId}|${event.auctionId}`;
    latest.set(_id, {
      _id,
      userId,
      auctionId: event.auctionId,
      auctionTitle: deps.titleOf(event.auctionId),
      status,
      price,
      at: new Date(event.at),
    });
  };
  for (const event of events) {
    if (event.kind === 'leading') set(event.userId, event, 'leading', event.price);
    else if (event.kind === 'outbid') set(event.userId, event, 'outbid', event.price);
    else if (event.kind === 'closed') {
      for (const userId of await deps.biddersOf(event.auctionId)) {
        set(userId, event, userId === event.winnerId ? 'won' : 'lost', event.finalPrice);
      }
    }
  }
  if (latest.size === 0) return;
  await deps.models.participations.bulkWrite(
    [...latest.values()].map((doc) => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } })),
    { ordered: false },
  );
}
