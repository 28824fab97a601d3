import type { AuctionEvent } from '@car-auction/contracts';
import { insertIfAbsent } from '@car-auction/service-support';
import type { NotifierModels, ParticipationDoc } from '../store/models';

/**
 * Replacements per write. FerretDB 1.24 holds one PostgreSQL connection per
 * statement of an update command until the command ends: a command of more
 * statements than its pool has (infra/mongo.sh) hangs it for every client,
 * and so do a few large ones at once (the notifier records four partitions
 * at a time).
 */
const UPDATES_PER_WRITE = 16;

/**
 * Keeps "My bids" up to date from the events: leading or outbid as the lead
 * changes hands, won or lost at the close (for everyone who had a standing
 * bid: the close's audience of bidders). One auction's events come in order
 * (one partition), so the last one of a batch is where the user stands; a
 * redelivery replays the same events in the same order and ends in the same
 * place. New rows are inserted; rows already there are replaced.
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
  const docs = [...latest.values()];
  const stored = await insertIfAbsent(deps.models.participations.collection, docs);
  const changed = docs.filter((_, i) => stored.has(i));
  for (let i = 0; i < changed.length; i += UPDATES_PER_WRITE) {
    await deps.models.participations.bulkWrite(
      changed.slice(i, i + UPDATES_PER_WRITE).map((doc) => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc } })),
      { ordered: false },
    );
  }
}
