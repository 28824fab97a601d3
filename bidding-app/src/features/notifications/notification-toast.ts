import type { NotificationKind, NotificationView } from '@car-auction/contracts';
import type { ToastInput } from '../../components/toast-provider';

/**
 * Kinds an open tab already toasts from the gateway's own `bid:notices`
 * (the outbid toast, the decisions on the user's bids): counted on the bell,
 * not toasted twice.
 */
const TOASTED_FROM_BID_NOTICES: ReadonlySet<NotificationKind> = new Set(['outbid', 'leading']);

const TONES: Partial<Record<NotificationKind, ToastInput['tone']>> = {
  won: 'success',
  ending_soon: 'warning',
  withdrawn: 'warning',
};

/** The toast for a notification pushed live, or null when the tab has told the user already. */
export function notificationToast(notification: NotificationView): ToastInput | null {
  if (TOASTED_FROM_BID_NOTICES.has(notification.kind)) return null;
  return {
    tone: TONES[notification.kind] ?? 'info',
    title: notification.text,
    link: { to: `/auctions/${notification.auctionId}`, label: 'Open the auction' },
  };
}
