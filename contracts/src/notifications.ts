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

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  auctionId: string;
  /** The auction's title as it was when the notice was made. */
  auctionTitle: string;
  /** One line, ready to show ("You were outbid: the price is now $12,000.00"). */
  text: string;
  /** When it happened (ISO). */
  at: string;
  read: boolean;
}

export interface NotificationsPage {
  data: NotificationView[];
  unread: number;
  /** Pass as `before` for the next (older) page; null at the end. */
  next: string | null;
}

/** `POST /api/notifications/read`: some, or all. */
export const markReadSchema = z.union([
  z.object({ ids: z.array(z.string().min(1).max(300)).min(1).max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

export type EmailPreferences = Record<NotificationKind, boolean>;
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
export interface MyBidView {
  auctionId: string;
  auctionTitle: string;
  status: MyBidStatus;
  /** The auction's price (cents) when the status last changed. */
  price: number | null;
  /** When the status last changed (ISO). */
  updatedAt: string;
}

/** `GET /api/watchlist` (newest first): `{ data: WatchView[] }`. */
export interface WatchView {
  auctionId: string;
  /** When the user started watching (ISO). */
  since: string;
}

/** `GET /api/auctions/:id/watchers`, and the answer to `PUT` / `DELETE /api/watchlist/:id`: `{ data: AuctionWatchers }`. */
export interface AuctionWatchers {
  auctionId: string;
  watchers: number;
  /** Whether the asking user watches it; null when asked without a token. */
  watching: boolean | null;
}
