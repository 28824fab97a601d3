import { EMAIL_BY_DEFAULT, type AuctionEvent } from '@car-auction/contracts';
import { notificationText } from '../mail/notification-text';
import type { AuctionAudience } from '../recipients/auction-audience';
import type { CmsDirectory } from '../recipients/cms-directory';
import type { MailDoc, NotificationDoc, NotifierModels } from '../store/models';
import { needsAudience, recipientsOf, type Audience } from './recipients-of';
import { recordParticipations } from './record-participations';

export interface RecordDeps {
  models: NotifierModels;
  audience: AuctionAudience;
  directory: Pick<CmsDirectory, 'auctionTitle'>;
  outbidCooldownMs: number;
  now?: () => Date;
}

export const notificationId = (eventId: string, userId: number) => `${eventId}|${userId}`;

/**
 * Turns a batch of events into notifications and their mails, once per event
 * and recipient. Idempotent: an event seen before (redelivered after a crash)
 * finds its notifications and makes nothing new. The mails are written before
 * the notifications, so a crash between the two leaves a mail whose
 * notification the redelivery writes, never a notification without its mail
 * decision. Resolves with the notifications made now (for the live push);
 * throws if the ledger, the store or the cms cannot answer (the batch is then
 * retried, and nothing is committed).
 */
export async function recordNotifications(events: readonly AuctionEvent[], deps: RecordDeps): Promise<NotificationDoc[]> {
  const { models } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const unique = [...new Map(events.map((e) => [e.eventId, e])).values()];
  if (unique.length === 0) return [];

  const audiences = new Map<string, Promise<Audience>>();
  const audienceOf = (auctionId: string) => {
    let found = audiences.get(auctionId);
    if (!found) {
      found = Promise.all([deps.audience.bidders(auctionId), deps.audience.watchers(auctionId)]).then(([bidders, watchers]) => ({
        bidders,
        watchers,
      }));
      audiences.set(auctionId, found);
    }
    return found;
  };
  const titles = new Map<string, string>();
  for (const auctionId of new Set(unique.map((e) => e.auctionId))) titles.set(auctionId, await deps.directory.auctionTitle(auctionId));

  const candidates: NotificationDoc[] = [];
  for (const event of unique) {
    const audience = needsAudience(event) ? await audienceOf(event.auctionId) : { bidders: [], watchers: [] };
    const auctionTitle = titles.get(event.auctionId)!;
    for (const { userId, kind, facts } of recipientsOf(event, audience)) {
      candidates.push({
        _id: notificationId(event.eventId, userId),
        userId,
        auctionId: event.auctionId,
        kind,
        eventId: event.eventId,
        auctionTitle,
        text: notificationText(kind, auctionTitle, facts),
        facts,
        at: new Date(event.at),
        createdAt: now,
        readAt: null,
      });
    }
  }
  // "My bids" follows every event, seen before or not: replaying them in order is harmless.
  await recordParticipations(unique, {
    models,
    titleOf: (auctionId) => titles.get(auctionId)!,
    biddersOf: async (auctionId) => (await audienceOf(auctionId)).bidders,
  });
  if (candidates.length === 0) return [];

  const existing = new Set(
    (
      await models.notifications
        .find({ _id: { $in: candidates.map((c) => c._id) } }, { _id: 1 })
        .lean()
        .exec()
    ).map((d) => d._id),
  );
  const fresh = candidates.filter((c) => !existing.has(c._id));
  if (fresh.length === 0) return [];

  const mails = await mailDecisions(fresh, deps, now);
  await models.mails.bulkWrite(
    mails.map((mail) => ({ updateOne: { filter: { _id: mail._id }, update: { $setOnInsert: mail }, upsert: true } })),
    { ordered: false },
  );
  await models.notifications.bulkWrite(
    fresh.map((doc) => ({ updateOne: { filter: { _id: doc._id }, update: { $setOnInsert: doc }, upsert: true } })),
    { ordered: false },
  );
  return fresh;
}

/**
 * Whether each notification is also mailed: by the user's preference for its
 * kind, and for outbids at most one mail per auction and user per cooldown
 * (the in-app notice still comes every time). Recorded either way, with why.
 */
async function mailDecisions(fresh: NotificationDoc[], deps: RecordDeps, now: Date): Promise<MailDoc[]> {
  const { models } = deps;
  const userIds = [...new Set(fresh.map((n) => n.userId))];
  const preferences = new Map(
    (
      await models.preferences
        .find({ _id: { $in: userIds } })
        .lean()
        .exec()
    ).map((p) => [p._id, p.email ?? {}]),
  );
  const since = new Date(now.getTime() - deps.outbidCooldownMs);
  const outbidPairs = [...new Set(fresh.filter((n) => n.kind === 'outbid').map((n) => `${n.userId}|${n.auctionId}`))];
  const recentlyMailed = new Set<string>();
  if (outbidPairs.length > 0) {
    const recent = await models.mails
      .find(
        {
          kind: 'outbid',
          status: { $in: ['pending', 'sending', 'sent'] },
          createdAt: { $gte: since },
          userId: { $in: [...new Set(fresh.map((n) => n.userId))] },
        },
        { userId: 1, auctionId: 1 },
      )
      .lean()
      .exec();
    for (const r of recent) recentlyMailed.add(`${r.userId}|${r.auctionId}`);
  }

  return fresh.map((n): MailDoc => {
    const base = { _id: n._id, userId: n.userId, auctionId: n.auctionId, kind: n.kind, attempts: 0, nextAttemptAt: now };
    const rest = { claimedAt: null, sentAt: null, createdAt: now };
    const wanted = preferences.get(n.userId)?.[n.kind] ?? EMAIL_BY_DEFAULT[n.kind];
    if (!wanted) return { ...base, ...rest, status: 'skipped', reason: 'the user does not want these by email' };
    if (n.kind === 'outbid') {
      const pair = `${n.userId}|${n.auctionId}`;
      if (recentlyMailed.has(pair))
        return { ...base, ...rest, status: 'skipped', reason: 'coalesced: an outbid mail for this auction went out recently' };
      recentlyMailed.add(pair);
    }
    return { ...base, ...rest, status: 'pending', reason: null };
  });
}
