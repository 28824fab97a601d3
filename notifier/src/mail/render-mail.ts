import { NOTIFICATION_KIND_LABELS, type NotificationKind } from '@car-auction/contracts';
import { endingIn, notificationText, oneLine, type NotificationFacts } from './notification-text';

export interface MailInput {
  kind: NotificationKind;
  recipientName: string;
  auctionTitle: string;
  auctionUrl: string;
  unsubscribeUrl: string;
  facts: NotificationFacts;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

// Every value in the HTML comes from users (titles, names, reasons) or config (urls): all of it goes through here, attributes included.
export const escapeHtml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

// Inboxes cut long subjects anyway; cutting here keeps the part that says what happened.
const SUBJECT_TITLE_MAX = 90;
const short = (title: string) => (title.length > SUBJECT_TITLE_MAX ? `${title.slice(0, SUBJECT_TITLE_MAX - 1).trimEnd()}…` : title);

function subjectOf(kind: NotificationKind, title: string, facts: NotificationFacts): string {
  const t = short(title || 'an auction');
  switch (kind) {
    case 'outbid':
      return `Outbid: ${t}`;
    case 'leading':
      return `You lead: ${t}`;
    case 'reserve_met':
      return `Reserve met: ${t}`;
    case 'ending_soon': {
      const when = endingIn(facts.window);
      return `Ending ${when}: ${t}`;
    }
    case 'won':
      return `You won: ${t}`;
    case 'lost':
      return `Auction ended: ${t}`;
    case 'ended':
      return facts.status === 'sold' ? `Sold: ${t}` : facts.status === 'unsold' ? `Ended without a sale: ${t}` : `Auction ended: ${t}`;
    case 'withdrawn':
      return `Withdrawn: ${t}`;
  }
}

// Outbid and ending soon are the two where acting now changes the outcome.
const callToAction = (kind: NotificationKind) => (kind === 'outbid' || kind === 'ending_soon' ? 'Bid again' : 'See the auction');

export function renderMail(input: MailInput): RenderedMail {
  const title = oneLine(input.auctionTitle);
  const name = oneLine(input.recipientName);
  const greeting = name ? `Hello ${name},` : 'Hello,';
  const line = notificationText(input.kind, title, input.facts);
  const action = callToAction(input.kind);
  const why = `You get these emails ${NOTIFICATION_KIND_LABELS[input.kind].toLowerCase()}.`;
  const subject = subjectOf(input.kind, title, input.facts);

  const text = [
    greeting,
    '',
    line,
    '',
    `${action}: ${input.auctionUrl}`,
    '',
    '-- ', // the signature separator (RFC 3676): mail clients dim or fold what follows
    `${why} Unsubscribe from these emails: ${input.unsubscribeUrl}`,
    '',
  ].join('\n');

  const auctionHref = escapeHtml(input.auctionUrl);
  const unsubscribeHref = escapeHtml(input.unsubscribeUrl);
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f5;font-family:Arial,Helvetica,sans-serif;color:#18181b;">
<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;">
<p style="margin:0 0 16px;font-size:16px;line-height:1.5;">${escapeHtml(greeting)}</p>
<p style="margin:0 0 24px;font-size:16px;line-height:1.5;">${escapeHtml(line)}</p>
<p style="margin:0 0 32px;"><a href="${auctionHref}" style="display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;font-size:16px;">${escapeHtml(action)}</a></p>
<p style="margin:0;font-size:12px;line-height:1.5;color:#71717a;">${escapeHtml(why)} <a href="${unsubscribeHref}" style="color:#71717a;">Unsubscribe from these emails</a>: ${unsubscribeHref}</p>
</div>
</body>
</html>
`;
  return { subject, text, html };
}
