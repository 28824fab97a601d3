import { createHash } from 'node:crypto';
import { EMAIL_BY_DEFAULT, type UserContact } from '@car-auction/contracts';
import { backoffMs, errorMessage, periodic } from '@car-auction/service-support';
import type { Logger } from '../log';
import type { CmsDirectory } from '../recipients/cms-directory';
import type { MailDoc, NotifierModels } from '../store/models';
import { renderMail } from './render-mail';
import { classifySendError, type SmtpTransport } from './smtp-transport';
import { unsubscribeUrl } from './unsubscribe-link';

export interface MailSenderOptions {
  models: NotifierModels;
  directory: Pick<CmsDirectory, 'contacts'>;
  transport: Pick<SmtpTransport, 'sendMail'>;
  log: Logger;
  from: string;
  appUrl: string;
  publicUrl: string;
  unsubscribeSecret: string;
  intervalMs: number;
  maxAttempts: number;
  /** A mail claimed this long ago by a sender that never said how it went (it crashed) is tried again. */
  claimExpiresMs: number;
  /** Told after each attempt whether the mail server took it (for /healthz). */
  onServerAnswer?(up: boolean, reason?: string): void;
}

/** Mails looked at per tick. */
const PER_TICK = 25;
/** Between tries of a mail the server refused for a passing reason: 2 s doubling, at most an hour. */
const retryDelay = (attempts: number) => backoffMs(attempts, 2_000, 60 * 60_000);

/**
 * Works through the outbox. Each mail is claimed (pending -> sending) before
 * it is sent and marked sent after, so two notifiers never send one mail. A
 * mail server that is down leaves the mails pending, retried with backoff:
 * nothing is lost and bidding never waits for mail. An address the server
 * refuses for good (5xx) is recorded as failed and not retried.
 * Exactly once, except across a crash between the server taking a mail and
 * its being marked sent: that mail is sent again, with the same Message-ID.
 */
export function createMailSender(options: MailSenderOptions) {
  const { models, log } = options;

  const settle = (mail: MailDoc, update: Partial<MailDoc>) =>
    models.mails.updateOne({ _id: mail._id, status: 'sending' }, { $set: update }).exec();

  const tick = async () => {
    const now = new Date();
    await models.mails
      .updateMany(
        { status: 'sending', claimedAt: { $lt: new Date(now.getTime() - options.claimExpiresMs) } },
        { $set: { status: 'pending' } },
      )
      .exec();
    const due = await models.mails
      .find({ status: 'pending', nextAttemptAt: { $lte: now } })
      .sort({ nextAttemptAt: 1 })
      .limit(PER_TICK)
      .lean()
      .exec();
    if (due.length === 0) return;
    const contacts = await options.directory.contacts(due.map((m) => m.userId));
    const preferences = new Map(
      (
        await models.preferences
          .find({ _id: { $in: [...new Set(due.map((m) => m.userId))] } })
          .lean()
          .exec()
      ).map((p) => [p._id, p.email]),
    );
    for (const candidate of due) {
      const mail = await models.mails
        .findOneAndUpdate(
          { _id: candidate._id, status: 'pending' },
          { $set: { status: 'sending', claimedAt: new Date() } },
          { returnDocument: 'after' },
        )
        .lean()
        .exec();
      if (!mail) continue;
      const serverDown = await sendOne(mail, contacts.get(mail.userId), preferences.get(mail.userId) ?? {});
      // The server is away: the other mails would only fail the same way.
      if (serverDown) return;
    }
  };

  /** Sends one claimed mail; true if the server could not be reached. */
  const sendOne = async (mail: MailDoc, contact: UserContact | undefined, email: Partial<Record<MailDoc['kind'], boolean>>) => {
    if (!contact) return void (await settle(mail, { status: 'skipped', reason: 'no such user' }));
    if (contact.blocked) return void (await settle(mail, { status: 'skipped', reason: 'the user is blocked' }));
    // Unsubscribed since the notification was made: the latest choice counts.
    if (!(email[mail.kind] ?? EMAIL_BY_DEFAULT[mail.kind])) {
      return void (await settle(mail, { status: 'skipped', reason: 'the user does not want these by email' }));
    }
    const notification = await models.notifications.findById(mail._id).lean().exec();
    if (!notification) {
      // Written just after its mail (record-notifications.ts): not yet, so try again shortly.
      await settle(mail, { status: 'pending', nextAttemptAt: new Date(Date.now() + 1_000) });
      return false;
    }
    const unsubscribe = unsubscribeUrl(options.publicUrl, options.unsubscribeSecret, mail.userId, mail.kind);
    const rendered = renderMail({
      kind: mail.kind,
      recipientName: contact.username,
      auctionTitle: notification.auctionTitle,
      auctionUrl: `${options.appUrl.replace(/\/$/, '')}/auctions/${encodeURIComponent(mail.auctionId)}`,
      unsubscribeUrl: unsubscribe,
      facts: notification.facts,
    });
    try {
      await options.transport.sendMail({
        from: options.from,
        to: { name: contact.username, address: contact.email },
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: `<${createHash('sha256').update(mail._id).digest('hex').slice(0, 32)}@car-auction.notifier>`,
        headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-Notification-Id': mail._id },
        list: { unsubscribe: unsubscribe },
      });
    } catch (err) {
      const { permanent, reason } = classifySendError(err);
      const attempts = mail.attempts + 1;
      if (permanent || attempts >= options.maxAttempts) {
        log.warn({ mail: mail._id, reason, attempts }, 'mail given up');
        await settle(mail, { status: 'failed', reason, attempts });
        options.onServerAnswer?.(true);
        return false;
      }
      await settle(mail, { status: 'pending', reason, attempts, nextAttemptAt: new Date(Date.now() + retryDelay(attempts)) });
      options.onServerAnswer?.(false, reason);
      if (attempts === 1) log.warn({ mail: mail._id, err: errorMessage(err) }, 'mail not sent; will retry');
      return true;
    }
    await settle(mail, { status: 'sent', sentAt: new Date(), reason: null, attempts: mail.attempts + 1 });
    options.onServerAnswer?.(true);
    log.info({ mail: mail._id, kind: mail.kind, userId: mail.userId }, 'mail sent');
    return false;
  };

  const loop = periodic(tick, options.intervalMs, (err) => log.warn({ err: errorMessage(err) }, 'mail tick failed; will retry'));
  return { ...loop, tick };
}
