import { EMAIL_BY_DEFAULT, type AuctionEvent } from '@car-auction/contracts';
import { insertIfAbsent } from '@car-auction/service-support';
import { notificationText } from '../mail/notification-text';
import type { AuctionAudience } from '../recipients/auction-audience';
import type { CmsDirectory } from '../recipients/cms-directory';
import type { MailDoc, NotificationDoc, NotifierModels } from '../store/models';
import type { OutbidMailClaims } from './outbid-mail-claims';
import { needsAudience, recipientsOf, type Audience } from './recipients-of';
import { recordParticipations } from './record-participations';

export interface RecordDeps {
  models: NotifierModels;
  audience: AuctionAudience;
  directory: Pick<CmsDirectory, 'auctionTitle'>;
  outbidMails: OutbidMailClaims;
  now?: () => Date;
}

export const notificationId = (eventId: string, userId: number) => `${eventId}|${userId}`;

/**
 * Turns a batch of events into notifications, each with its mail decision,
 * and queues the mails to send, once per event and recipient. Idempotent: an
 * event seen before (redelivered after a crash) finds its notifications and
 * mails stored (same ids, insert-if-absent) and makes nothing new. The mails
 * are queued before the notifications are written, so a crash between the
 * two leaves a queued mail whose notification the redelivery writes (with the
 * same decision: the outbid window's claim names this mail), never a
 * notification whose mail was lost. Resolves with the notifications made
 * now (for the live push); throws if the ledger, the store, Redis or the cms
 * cannot answer (the batch is then retried, and nothing is committed).
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
  const auctionIds = [...new Set(unique.map((e) => e.auctionId))];
  const titles = new Map(await Promise.all(auctionIds.map(async (id) => [id, await deps.directory.auctionTitle(id)] as const)));

  const candidates: Omit<NotificationDoc, 'mail'>[] = [];
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

  // Every candidate gets its decision, also one recorded before: what is stored stays.
  const decided = await withMailDecisions(candidates, deps);
  await insertIfAbsent(
    models.mails.collection,
    decided.filter((n) => n.mail === 'queued').map((n) => queuedMail(n, now)),
  );
  const seenBefore = await insertIfAbsent(models.notifications.collection, decided);
  return decided.filter((_, i) => !seenBefore.has(i));
}

/**
 * Whether each notification is also mailed: by the user's preference for its
 * kind, and for outbids at most one mail per auction and user per cooldown
 * (the in-app notice still comes every time).
 */
async function withMailDecisions(candidates: Omit<NotificationDoc, 'mail'>[], deps: RecordDeps): Promise<NotificationDoc[]> {
  const userIds = [...new Set(candidates.map((n) => n.userId))];
  const preferences = new Map(
    (
      await deps.models.preferences
        .find({ _id: { $in: userIds } })
        .lean()
        .exec()
    ).map((p) => [p._id, p.email ?? {}]),
  );
  const wanted = (n: Omit<NotificationDoc, 'mail'>) => preferences.get(n.userId)?.[n.kind] ?? EMAIL_BY_DEFAULT[n.kind];
  const outbids = candidates.filter((n) => n.kind === 'outbid' && wanted(n));
  const granted = await deps.outbidMails.claim(outbids.map((n) => ({ userId: n.userId, auctionId: n.auctionId, mailId: n._id })));
  const coalesced = new Set(outbids.filter((_, i) => !granted[i]).map((n) => n._id));
  return candidates.map((n) => ({ ...n, mail: !wanted(n) ? 'not_wanted' : coalesced.has(n._id) ? 'coalesced' : 'queued' }));
}

const queuedMail = (n: NotificationDoc, now: Date): MailDoc => ({
  _id: n._id,
  userId: n.userId,
  auctionId: n.auctionId,
  kind: n.kind,
  status: 'pending',
  reason: null,
  attempts: 0,
  nextAttemptAt: now,
  claimedAt: null,
  sentAt: null,
  createdAt: now,
});
