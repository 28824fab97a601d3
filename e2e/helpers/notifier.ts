import mongoose from 'mongoose';
import { NOTIFIER_COLLECTIONS } from '@car-auction/contracts';
import { startNotifierProcess, type NotifierProcess } from '@car-auction/test-support/notifier-process';
import { cmsUrl } from './cms';
import { smtpUrl } from './mail';

export type { NotifierProcess };

/** A group of its own per start, unless told (a restart after a kill joins the same one). */
export const notifierGroup = () => `e2e-notifier-${process.pid}-${Date.now()}`;

/** The notifier against this run's cms, the local Mailpit, and quick mail ticks. */
export const startNotifier = (groupId: string, env: Record<string, string> = {}): Promise<NotifierProcess> =>
  startNotifierProcess({
    env: {
      NOTIFIER_GROUP_ID: groupId,
      CMS_URL: cmsUrl(),
      SMTP_URL: smtpUrl(),
      APP_URL: 'http://localhost:3000',
      MAIL_TICK_MS: '200',
      // The cms under test numbers its users from 1 again every run, while the topic and the
      // store keep earlier runs' events: a new group reads only what comes after it joined.
      NOTIFIER_START_AT: 'latest',
      MAIL_CLAIM_EXPIRES_MS: '3000',
      LOG_LEVEL: 'info',
      ...env,
    },
    keepOutput: true,
  });

let connection: mongoose.Connection | null = null;
const store = async () => {
  connection ??= await mongoose.createConnection(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/car-auction').asPromise();
  return connection;
};

export interface MailRow {
  _id: string;
  userId: number;
  kind: string;
  status: string;
  reason: string | null;
  attempts: number;
}

/** The notifier's outbox rows (the mails it is to send) for these users about these auctions, as stored. */
export async function mailRows(userIds: number[], auctionIds: string[]): Promise<MailRow[]> {
  return (await store())
    .collection<MailRow>(NOTIFIER_COLLECTIONS.mails)
    .find({ userId: { $in: userIds }, auctionId: { $in: auctionIds } })
    .toArray();
}

export interface NoticeRow {
  _id: string;
  userId: number;
  kind: string;
  /** Whether it was also mailed: queued, not_wanted (the user's choice) or coalesced (an outbid mail went out recently). */
  mail: string;
}

/** The notifier's notifications for these users about these auctions, as stored (with each one's mail decision). */
export async function noticeRows(userIds: number[], auctionIds: string[]): Promise<NoticeRow[]> {
  return (await store())
    .collection<NoticeRow>(NOTIFIER_COLLECTIONS.notifications)
    .find({ userId: { $in: userIds }, auctionId: { $in: auctionIds } }, { projection: { userId: 1, kind: 1, mail: 1 } })
    .toArray();
}

export async function closeNotifierStore() {
  await connection?.close();
  connection = null;
}

/** The notifier's API, as a signed-in user of the app calls it. */
export async function asUser<T>(notifierUrl: string, jwt: string | null, method: string, path: string, body?: unknown) {
  const res = await fetch(`${notifierUrl}${path}`, {
    method,
    headers: { ...(jwt ? { authorization: `Bearer ${jwt}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}
