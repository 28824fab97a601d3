import { NOTIFICATION_KIND_LABELS, type NotificationKind } from '@car-auction/contracts';
import { escapeHtml } from '../mail/render-mail';

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 34rem; margin: 3rem auto; padding: 0 1rem; color: #1f2937">
<h1 style="font-size: 1.4rem">${escapeHtml(title)}</h1>${body}</body></html>`;

const what = (kind: NotificationKind) => NOTIFICATION_KIND_LABELS[kind].toLowerCase();

/**
 * Asks before unsubscribing: mail scanners open links (a GET must change
 * nothing); the button POSTs, as does a mail client's one-click unsubscribe.
 */
export const confirmPage = (kind: NotificationKind, actionUrl: string) =>
  page(
    'Unsubscribe',
    `<p>Stop the emails we send <strong>${escapeHtml(what(kind))}</strong>?</p>
<p>You will still see these in the app's notifications. Other emails are not affected.</p>
<form method="post" action="${escapeHtml(actionUrl)}"><button type="submit" style="font-size: 1rem; padding: .5rem 1rem">Unsubscribe</button></form>`,
  );

export const donePage = (kind: NotificationKind, appUrl: string) =>
  page(
    'You are unsubscribed',
    `<p>You will no longer get the emails we send <strong>${escapeHtml(what(kind))}</strong>.</p>
<p>Changed your mind? Turn them back on under <a href="${escapeHtml(`${appUrl.replace(/\/$/, '')}/notifications/settings`)}">notification settings</a>.</p>`,
  );

export const refusedPage = (reason: string) =>
  page(
    'This link does not work',
    `<p>${escapeHtml(reason)}</p><p>Nothing was changed. You can manage your emails in the app's notification settings.</p>`,
  );
