import { Schema, type Connection, type Model } from 'mongoose';
import { MY_BID_STATUSES, NOTIFICATION_KINDS, NOTIFIER_COLLECTIONS, type MyBidStatus, type NotificationKind } from '@car-auction/contracts';
import type { NotificationFacts } from '../mail/notification-text';

/**
 * Whether a notification is also mailed: `queued` (its mail is in the
 * outbox), `not_wanted` (the user's preference for its kind), `coalesced`
 * (an outbid mail for the auction went to the user within the cooldown).
 */
export const MAIL_DECISIONS = ['queued', 'not_wanted', 'coalesced'] as const;
export type MailDecision = (typeof MAIL_DECISIONS)[number];

/**
 * One per auction event and recipient, `_id` = `<eventId>|<userId>`: a
 * redelivered event finds its notifications there and makes none again.
 */
export interface NotificationDoc {
  _id: string;
  userId: number;
  auctionId: string;
  kind: NotificationKind;
  eventId: string;
  auctionTitle: string;
  text: string;
  facts: NotificationFacts;
  at: Date;
  createdAt: Date;
  readAt: Date | null;
  mail: MailDecision;
}

export const MAIL_STATUSES = ['pending', 'sending', 'sent', 'skipped', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * The outbox: the mail of a notification that is to be mailed (its decision
 * `queued`), same `_id`, written just before it; the sender works through the
 * pending ones. Only mails to send are here, so the sender's reads stay small
 * (FerretDB filters by scanning). `skipped` records why one was not sent after
 * all (no such user, blocked, unsubscribed since); `failed` an address the
 * server refused for good (not retried).
 */
export interface MailDoc {
  _id: string;
  userId: number;
  auctionId: string;
  kind: NotificationKind;
  status: MailStatus;
  reason: string | null;
  attempts: number;
  nextAttemptAt: Date;
  claimedAt: Date | null;
  sentAt: Date | null;
  createdAt: Date;
}

/** A user's email choices, `_id` = user id; absent kinds take EMAIL_BY_DEFAULT. */
export interface PreferencesDoc {
  _id: number;
  email: Partial<Record<NotificationKind, boolean>>;
  updatedAt: Date;
}

/** A user watching an auction, `_id` = `<userId>|<auctionId>`. */
export interface WatchDoc {
  _id: string;
  userId: number;
  auctionId: string;
  createdAt: Date;
}

const COLLECTIONS = NOTIFIER_COLLECTIONS;

const kind = { type: String, enum: NOTIFICATION_KINDS, required: true };

const notificationSchema = new Schema<NotificationDoc>(
  {
    _id: String,
    userId: { type: Number, required: true },
    auctionId: { type: String, required: true },
    kind,
    eventId: { type: String, required: true },
    auctionTitle: { type: String, required: true },
    text: { type: String, required: true },
    facts: { type: Schema.Types.Mixed, default: {} },
    at: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
    mail: { type: String, enum: MAIL_DECISIONS, required: true },
  },
  { collection: COLLECTIONS.notifications, versionKey: false, minimize: false, autoCreate: false, autoIndex: false },
);
notificationSchema.index({ userId: 1, at: -1 });

const mailSchema = new Schema<MailDoc>(
  {
    _id: String,
    userId: { type: Number, required: true },
    auctionId: { type: String, required: true },
    kind,
    status: { type: String, enum: MAIL_STATUSES, required: true },
    reason: { type: String, default: null },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    claimedAt: { type: Date, default: null },
    sentAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: COLLECTIONS.mails, versionKey: false, autoCreate: false, autoIndex: false },
);
mailSchema.index({ status: 1, nextAttemptAt: 1 });

const preferencesSchema = new Schema<PreferencesDoc>(
  { _id: Number, email: { type: Schema.Types.Mixed, default: {} }, updatedAt: { type: Date, required: true } },
  { collection: COLLECTIONS.preferences, versionKey: false, minimize: false, autoCreate: false, autoIndex: false },
);

const watchSchema = new Schema<WatchDoc>(
  {
    _id: String,
    userId: { type: Number, required: true },
    auctionId: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: COLLECTIONS.watches, versionKey: false, autoCreate: false, autoIndex: false },
);
watchSchema.index({ auctionId: 1 });
watchSchema.index({ userId: 1, createdAt: -1 });

/** Where a user stands in an auction they bid on ("My bids"), `_id` = `<userId>|<auctionId>`. */
export interface ParticipationDoc {
  _id: string;
  userId: number;
  auctionId: string;
  auctionTitle: string;
  status: MyBidStatus;
  price: number | null;
  /** When the event that set the status happened. */
  at: Date;
}

const participationSchema = new Schema<ParticipationDoc>(
  {
    _id: String,
    userId: { type: Number, required: true },
    auctionId: { type: String, required: true },
    auctionTitle: { type: String, required: true },
    status: { type: String, enum: MY_BID_STATUSES, required: true },
    price: { type: Number, default: null },
    at: { type: Date, required: true },
  },
  { collection: COLLECTIONS.participations, versionKey: false, autoCreate: false, autoIndex: false },
);
participationSchema.index({ userId: 1, at: -1 });

export interface NotifierModels {
  notifications: Model<NotificationDoc>;
  mails: Model<MailDoc>;
  preferences: Model<PreferencesDoc>;
  watches: Model<WatchDoc>;
  participations: Model<ParticipationDoc>;
}

export function notifierModels(connection: Connection): NotifierModels {
  return {
    notifications: connection.model<NotificationDoc>('Notification', notificationSchema),
    mails: connection.model<MailDoc>('NotificationMail', mailSchema),
    preferences: connection.model<PreferencesDoc>('NotificationPreferences', preferencesSchema),
    watches: connection.model<WatchDoc>('Watch', watchSchema),
    participations: connection.model<ParticipationDoc>('AuctionParticipation', participationSchema),
  };
}

/** Creates the collections and their indexes (idempotent), so the first event does not race index builds. */
export async function ensureCollections(models: NotifierModels): Promise<void> {
  for (const model of Object.values(models) as Model<unknown>[]) {
    await model.createCollection().catch((err: { codeName?: string; code?: number }) => {
      if (err.codeName !== 'NamespaceExists' && err.code !== 48) throw err;
    });
    await model.createIndexes();
  }
}
