import {
  EMAIL_BY_DEFAULT,
  NOTIFICATION_KINDS,
  emailPreferencesPatchSchema,
  markReadSchema,
  type EmailPreferences,
  type MyBidView,
  type WatchView,
  type NotificationView,
  type NotificationsPage,
} from '@car-auction/contracts';
import { insertIfAbsent } from '@car-auction/service-support';
import type { CmsDirectory } from '../recipients/cms-directory';
import type { NotificationDoc, NotifierModels, PreferencesDoc } from '../store/models';
import { HttpError } from './http-kit';

export const toView = (doc: NotificationDoc): NotificationView => ({
  id: doc._id,
  kind: doc.kind,
  auctionId: doc.auctionId,
  auctionTitle: doc.auctionTitle,
  text: doc.text,
  at: new Date(doc.at).toISOString(),
  // Absent or null: unread (the driver stores an inserted null as no field).
  read: doc.readAt != null,
});

export const unreadCount = (models: Pick<NotifierModels, 'notifications'>, userId: number) =>
  models.notifications.countDocuments({ userId, readAt: null }).exec();

export const effectivePreferences = (stored: PreferencesDoc['email'] | undefined): EmailPreferences =>
  Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, stored?.[kind] ?? EMAIL_BY_DEFAULT[kind]])) as EmailPreferences;

const PAGE_MAX = 50;
const AUCTION_ID = /^[A-Za-z0-9_-]{1,64}$/;

const issue = (error: { issues: { path: PropertyKey[]; message: string }[] }) => {
  const first = error.issues[0];
  return `${first?.path.map(String).join('.') || 'body'}: ${first?.message ?? 'invalid'}`;
};

/** What a signed-in user reads and changes: their notifications, email choices and watchlist. */
export function userRoutes(models: NotifierModels, directory: Pick<CmsDirectory, 'auctionExists'>) {
  return {
    async notifications(userId: number, query: URLSearchParams): Promise<NotificationsPage> {
      const limitText = query.get('limit') ?? '20';
      const limit = Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_MAX)
        throw new HttpError(400, `limit must be a whole number from 1 to ${PAGE_MAX}.`);
      const beforeText = query.get('before');
      const before = beforeText === null ? null : new Date(beforeText);
      if (before && Number.isNaN(before.getTime())) throw new HttpError(400, 'before must be a date (ISO 8601), as `next` gives it.');
      const docs = await models.notifications
        .find({ userId, ...(before ? { at: { $lt: before } } : {}) })
        .sort({ at: -1, _id: -1 })
        .limit(limit + 1)
        .lean()
        .exec();
      const page = docs.slice(0, limit);
      return {
        data: page.map(toView),
        unread: await unreadCount(models, userId),
        next: docs.length > limit ? new Date(page[page.length - 1]!.at).toISOString() : null,
      };
    },

    async markRead(userId: number, body: unknown): Promise<{ unread: number }> {
      const parsed = markReadSchema.safeParse(body);
      if (!parsed.success)
        throw new HttpError(400, `Say which to mark read: { "ids": [...] } or { "all": true } (${issue(parsed.error)}).`);
      const filter = 'all' in parsed.data ? { userId, readAt: null } : { userId, readAt: null, _id: { $in: parsed.data.ids } };
      await models.notifications.updateMany(filter, { $set: { readAt: new Date() } }).exec();
      return { unread: await unreadCount(models, userId) };
    },

    async preferences(userId: number): Promise<{ email: EmailPreferences }> {
      const stored = await models.preferences.findById(userId).lean().exec();
      return { email: effectivePreferences(stored?.email) };
    },

    async setPreferences(userId: number, body: unknown): Promise<{ email: EmailPreferences }> {
      const parsed = emailPreferencesPatchSchema.safeParse(body);
      if (!parsed.success)
        throw new HttpError(
          400,
          `Send { "email": { "<kind>": true | false } } with kinds ${NOTIFICATION_KINDS.join(', ')} (${issue(parsed.error)}).`,
        );
      return { email: await setEmailPreferences(models, userId, parsed.data.email) };
    },

    async myBids(userId: number): Promise<MyBidView[]> {
      const rows = await models.participations.find({ userId }).sort({ at: -1 }).limit(500).lean().exec();
      return rows.map((p) => ({
        auctionId: p.auctionId,
        auctionTitle: p.auctionTitle,
        status: p.status,
        price: p.price ?? null,
        updatedAt: new Date(p.at).toISOString(),
      }));
    },

    async watchlist(userId: number): Promise<WatchView[]> {
      const rows = await models.watches.find({ userId }).sort({ createdAt: -1 }).limit(500).lean().exec();
      return rows.map((w) => ({ auctionId: w.auctionId, since: new Date(w.createdAt).toISOString() }));
    },

    async watch(userId: number, auctionId: string, watching: boolean) {
      if (!AUCTION_ID.test(auctionId)) throw new HttpError(400, 'That is not an auction id.');
      const _id = `${userId}|${auctionId}`;
      if (watching) {
        let exists: boolean;
        try {
          exists = await directory.auctionExists(auctionId);
        } catch {
          throw new HttpError(503, 'Whether this auction exists cannot be checked right now. Try again in a few seconds.');
        }
        if (!exists) throw new HttpError(404, 'No published auction has this id.');
        await insertIfAbsent(models.watches.collection, [{ _id, userId, auctionId, createdAt: new Date() }]);
      } else {
        await models.watches.deleteOne({ _id }).exec();
      }
      return watchers(models, auctionId, userId);
    },
  };
}

/** How many watch an auction, and whether this user does (null for an anonymous reader). */
export async function watchers(models: Pick<NotifierModels, 'watches'>, auctionId: string, userId: number | null) {
  if (!AUCTION_ID.test(auctionId)) throw new HttpError(400, 'That is not an auction id.');
  const [count, mine] = await Promise.all([
    models.watches.countDocuments({ auctionId }).exec(),
    userId === null ? null : models.watches.exists({ _id: `${userId}|${auctionId}` }).exec(),
  ]);
  return { auctionId, watchers: count, watching: userId === null ? null : mine !== null };
}

/** Shared by the preferences page and the unsubscribe link. */
export async function setEmailPreferences(
  models: Pick<NotifierModels, 'preferences'>,
  userId: number,
  patch: Partial<EmailPreferences>,
): Promise<EmailPreferences> {
  const set = Object.fromEntries(Object.entries(patch).map(([kind, on]) => [`email.${kind}`, on]));
  const saved = await models.preferences
    .findOneAndUpdate({ _id: userId }, { $set: { ...set, updatedAt: new Date() } }, { upsert: true, returnDocument: 'after' })
    .lean()
    .exec();
  return effectivePreferences(saved?.email);
}
