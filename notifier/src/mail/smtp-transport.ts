import { createTransport } from 'nodemailer';

/**
 * A small pool: mail is a side channel of the notifier, and a relay that
 * hangs must fail a send within seconds so the event can be retried, rather
 * than hold the consumer.
 */
export function createSmtpTransport(smtpUrl: string) {
  // Nodemailer applies these where the url's own query does not set them.
  return createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 10000,
  });
}

export type SmtpTransport = ReturnType<typeof createSmtpTransport>;

export interface SendErrorClass {
  /** True when sending the same mail again would be refused again (the address is unknown, the mail bounced). */
  permanent: boolean;
  reason: string;
}

const REASON_MAX = 300;
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET']);
// Failed credentials refuse every mail, not this one: the fix is ours, and the mail should go once it is made.
const AUTH_CODES = new Set(['EAUTH', 'ENOAUTH']);

const clip = (text: string) => (text.length > REASON_MAX ? `${text.slice(0, REASON_MAX - 1)}…` : text);
const field = (err: object, key: string): unknown => (err as Record<string, unknown>)[key];
const str = (value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '');

/** Whether a failed send is worth retrying, and why it failed, in a sentence for the logs and the notification's record. */
export function classifySendError(err: unknown): SendErrorClass {
  if (typeof err !== 'object' || err === null) {
    return { permanent: false, reason: clip(`Sending failed for an unknown reason${str(err) ? `: ${str(err)}` : '.'}`) };
  }
  const code = str(field(err, 'code'));
  const originalCode = str(field(err, 'originalCode'));
  const rawResponseCode = field(err, 'responseCode');
  const responseCode = typeof rawResponseCode === 'number' && Number.isInteger(rawResponseCode) ? rawResponseCode : undefined;
  const response = str(field(err, 'response'));
  const message = str(field(err, 'message'));
  const said = response || message;
  const detail = said ? `: ${said}` : '.';

  if (responseCode !== undefined && !AUTH_CODES.has(code)) {
    // 503 is "bad sequence of commands": the session's state was wrong, not the mail, so a new connection can send it (RFC 5321).
    if (responseCode >= 500 && responseCode < 600 && responseCode !== 503) {
      return { permanent: true, reason: clip(`The mail server refused the mail for good${detail}`) };
    }
    if (responseCode >= 400 && responseCode < 500) {
      return { permanent: false, reason: clip(`The mail server deferred the mail${detail}`) };
    }
  }
  // Nodemailer refuses a malformed or empty recipient list before any server sees it: no retry will fix the address.
  if (code === 'EENVELOPE' && responseCode === undefined && /recipient|address|sender/i.test(message)) {
    return { permanent: true, reason: clip(`The mail's addresses are not valid${detail}`) };
  }
  if (CONNECTION_CODES.has(code) || CONNECTION_CODES.has(originalCode)) {
    const shown = originalCode && originalCode !== code ? `${code}, ${originalCode}` : code;
    return { permanent: false, reason: clip(`Could not talk to the mail server (${shown})${detail}`) };
  }
  if (AUTH_CODES.has(code)) return { permanent: false, reason: clip(`The mail server did not accept our credentials${detail}`) };
  return { permanent: false, reason: clip(`Sending failed${code ? ` (${code})` : ''}${detail}`) };
}
