import type { AuctionEvent, NotificationKind } from '@car-auction/contracts';
import type { NotificationFacts } from '../mail/notification-text';

export interface Recipient {
  userId: number;
  kind: NotificationKind;
  facts: NotificationFacts;
}

export interface Audience {
  bidders: number[];
  watchers: number[];
}

/** Whether deciding who hears of this event needs the auction's bidders and watchers. */
export const needsAudience = (event: AuctionEvent) => event.kind !== 'outbid' && event.kind !== 'leading';

/**
 * Who hears of an event, and as what: the one bidder an outbid or a lead is
 * about; everyone who bid or watches for the rest. A close is news of a
 * different kind to each: won (the buyer), lost (the other bidders), ended
 * (those who only watched). Each user once per event.
 */
export function recipientsOf(event: AuctionEvent, audience: Audience): Recipient[] {
  const everyone = [...new Set([...audience.bidders, ...audience.watchers])];
  const all = (kind: NotificationKind, facts: NotificationFacts) => everyone.map((userId) => ({ userId, kind, facts }));
  switch (event.kind) {
    case 'outbid':
      return [{ userId: event.userId, kind: 'outbid', facts: { price: event.price } }];
    case 'leading':
      return [{ userId: event.userId, kind: 'leading', facts: { price: event.price } }];
    case 'reserve_met':
      return all('reserve_met', { price: event.price });
    case 'ending_soon':
      return all('ending_soon', { window: event.window, endsAt: event.endsAt });
    case 'withdrawn':
      return all('withdrawn', { reason: event.reason });
    case 'closed': {
      const facts = { status: event.status, finalPrice: event.finalPrice };
      const bidders = new Set(audience.bidders);
      return everyone.map((userId) => {
        if (userId === event.winnerId) return { userId, kind: 'won' as const, facts };
        return { userId, kind: bidders.has(userId) ? ('lost' as const) : ('ended' as const), facts };
      });
    }
  }
}
