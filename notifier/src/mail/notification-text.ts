import { formatCents, type NotificationKind } from '@car-auction/contracts';

/** What is known about the event behind a notification: money in integer cents, times in epoch ms. */
export interface NotificationFacts {
  price?: number | null;
  finalPrice?: number | null;
  window?: '1h' | '10m';
  endsAt?: number;
  reason?: string;
  status?: 'sold' | 'unsold';
}

// Stored notices outlive the events they came from, so a fact that is missing or malformed drops its clause instead of printing "NaN".
const money = (cents: number | null | undefined): string | null =>
  typeof cents === 'number' && Number.isFinite(cents) && cents >= 0 ? formatCents(cents, 'USD') : null;

// The line is shown on one row of the app: newlines in a title or a reason would break it.
export const oneLine = (text: string | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

const WINDOW_TEXT: Record<'1h' | '10m', string> = { '1h': '1 hour', '10m': '10 minutes' };

/** "in 1 hour", "in 10 minutes", or "soon" when the reminder window is unknown. */
export const endingIn = (window: NotificationFacts['window']): string =>
  window && WINDOW_TEXT[window] ? `in ${WINDOW_TEXT[window]}` : 'soon';

/** The one line the app shows for a notification, e.g. "You were outbid on 1967 Ford Mustang: the price is now $12,000.00." */
export function notificationText(kind: NotificationKind, auctionTitle: string, facts: NotificationFacts): string {
  const named = oneLine(auctionTitle);
  // An auction whose title is lost still makes a readable sentence, wherever in it the title falls.
  const Title = named || 'An auction';
  const title = named || 'an auction';
  const price = money(facts.price);
  switch (kind) {
    case 'outbid':
      return price ? `You were outbid on ${title}: the price is now ${price}.` : `You were outbid on ${title}.`;
    case 'leading':
      return price ? `You lead ${title} at ${price}.` : `You lead ${title}.`;
    case 'reserve_met':
      return price ? `The reserve is met on ${title}: it will sell (price ${price}).` : `The reserve is met on ${title}: it will sell.`;
    case 'ending_soon':
      return `${Title} ends ${endingIn(facts.window)}.`;
    case 'won': {
      const paid = money(facts.finalPrice) ?? price;
      return paid ? `You won ${title} for ${paid}.` : `You won ${title}.`;
    }
    case 'lost':
      return facts.status === 'unsold'
        ? `${Title} ended without a sale: the reserve was not met.`
        : `${Title} ended: another bidder won it.`;
    case 'ended': {
      if (facts.status === 'unsold') return `${Title} ended without a sale.`;
      if (facts.status !== 'sold') return `${Title} ended.`;
      const sold = money(facts.finalPrice) ?? price;
      return sold ? `${Title} sold for ${sold}.` : `${Title} sold.`;
    }
    case 'withdrawn': {
      const reason = oneLine(facts.reason);
      if (!reason) return `${Title} was withdrawn.`;
      return /[.!?]$/.test(reason) ? `${Title} was withdrawn: ${reason}` : `${Title} was withdrawn: ${reason}.`;
    }
  }
}
