import { z } from 'zod';

/**
 * What a user is told, by the notifier (in the app, live, and by email), as
 * the bidding app and the notifier's API share it. One auction event becomes
 * one notification per recipient: a close, for instance, is `won` for the
 * buyer, `lost` for the other bidders and `ended` for those who only watched.
 */
export const NOTIFICATION_KINDS = ['outbid', 'leading', 'reserve_met', 'ending_soon', 'won', 'lost', 'ended', 'withdrawn'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Email by default for what needs acting on or is final; the rest only in the app (a bidder can turn any on or off). */
export const EMAIL_BY_DEFAULT: Record<NotificationKind, boolean> = {
  outbid: true,
  leading: false,
  reserve_met: false,
  ending_soon: true,
  won: true,
  lost: true,
  ended: true,
  withdrawn: true,
};

/** When each kind is sent, as the preferences page lists them and mails explain them ("You get these emails when you are outbid."). */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  outbid: 'When you are outbid',
  leading: 'When you take the lead',
  reserve_met: 'When the reserve is met',
  ending_soon: 'When an auction you follow is ending soon',
  won: 'When you win',
  lost: 'When an auction you bid on ends without you winning',
  ended: 'When an auction you watch ends',
  withdrawn: 'When an auction you follow is withdrawn',
};

/** At most one outbid email per auction and user in this long; the in-app notice comes every time. */
export const OUTBID_EMAIL_COOLDOWN_MS = 15 * 60 * 1000;

/** A notification as the app shows it (the notifier's answers are checked against these schemas). */
export const notificationViewSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  auctionId: z.string(),
  /** The auction's title as it was when the notice was made. */
  auctionTitle: z.string(),
  /** One line, ready to show ("You were outbid on …: the price is now $12,000.00."). */
  text: z.string(),
  /** When it happened (ISO). */
  at: z.string(),
  read: z.boolean(),
});
export type NotificationView = z.infer<typeof notificationViewSchema>;

/** `GET /api/notifications`. */
export const notificationsPageSchema = z.object({
  data: z.array(notificationViewSchema),
  unread: z.number().int().nonnegative(),
  /** Pass as `before` for the next (older) page; null at the end. */
  next: z.string().nullable(),
});
export type NotificationsPage = z.infer<typeof notificationsPageSchema>;

/** The answer to `POST /api/notifications/read`. */
export const unreadAnswerSchema = z.object({ data: z.object({ unread: z.number().int().nonnegative() }) });

/** `POST /api/notifications/read`: some, or all. */
export const markReadSchema = z.union([
  z.object({ ids: z.array(z.string().min(1).max(300)).min(1).max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

export type EmailPreferences = Record<NotificationKind, boolean>;
// Every kind, each a boolean: the notifier answers with the choices in force, defaults filled in.
const emailPreferencesSchema = z.object(
  Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, z.boolean()])) as Record<NotificationKind, z.ZodBoolean>,
);
/** The answer to `GET` and `PUT /api/notification-preferences`. */
export const emailPreferencesAnswerSchema = z.object({ data: z.object({ email: emailPreferencesSchema }) });
/** `PUT /api/notification-preferences`: any subset of the kinds. */
export const emailPreferencesPatchSchema = z.object({ email: z.partialRecord(z.enum(NOTIFICATION_KINDS), z.boolean()) }).strict();

/** To room user:<id> when a notification is made: the app's bell counts it at once. */
export interface NotificationCreatedEvent {
  notification: NotificationView;
  unread: number;
}

/** `GET /api/internal/users/contacts?ids=1,2` (service token only): how the notifier addresses a mail. */
export const USER_CONTACTS_PATH = '/api/internal/users/contacts';
export const USER_CONTACTS_MAX_IDS = 200;
export interface UserContact {
  id: number;
  username: string;
  email: string;
  /** A blocked user is sent nothing. */
  blocked: boolean;
}

/** The notifier's MongoDB collections (its own; the tests and the bench read them too). */
export const NOTIFIER_COLLECTIONS = {
  notifications: 'notifications',
  mails: 'notification_mails',
  preferences: 'notification_preferences',
  watches: 'watches',
  participations: 'auction_participations',
} as const;

/** Where a user stands in an auction they bid on ("My bids"), as the notifier has heard it from the auction's events. */
export const MY_BID_STATUSES = ['leading', 'outbid', 'won', 'lost'] as const;
export type MyBidStatus = (typeof MY_BID_STATUSES)[number];

/** `GET /api/my-bids` (newest first): `{ data: MyBidView[] }`. */
export const myBidViewSchema = z.object({
  auctionId: z.string(),
  auctionTitle: z.string(),
  status: z.enum(MY_BID_STATUSES),
  /** The auction's price (cents) when the status last changed. */
  price: z.number().int().nullable(),
  /** When the status last changed (ISO). */
  updatedAt: z.string(),
});
export type MyBidView = z.infer<typeof myBidViewSchema>;
export const myBidsAnswerSchema = z.object({ data: z.array(myBidViewSchema) });

/** `GET /api/watchlist` (newest first): `{ data: WatchView[] }`; `since`: when the user started watching (ISO). */
export const watchViewSchema = z.object({ auctionId: z.string(), since: z.string() });
export type WatchView = z.infer<typeof watchViewSchema>;
export const watchlistAnswerSchema = z.object({ data: z.array(watchViewSchema) });

/** `GET /api/auctions/:id/watchers`, and the answer to `PUT` / `DELETE /api/watchlist/:id`. */
export const auctionWatchersSchema = z.object({
  auctionId: z.string(),
  watchers: z.number().int().nonnegative(),
  /** Whether the asking user watches it; null when asked without a token. */
  watching: z.boolean().nullable(),
});
export type AuctionWatchers = z.infer<typeof auctionWatchersSchema>;
export const auctionWatchersAnswerSchema = z.object({ data: auctionWatchersSchema });
