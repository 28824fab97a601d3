import type { AuctionEvent } from '@car-auction/contracts';
import { needsAudience, recipientsOf } from '../src/planning/recipients-of';

const base = { auctionId: 'a1', at: 1 };
const audience = { bidders: [1, 2, 3], watchers: [3, 4] };
const who = (event: AuctionEvent) => recipientsOf(event, audience).map((r) => `${r.userId}:${r.kind}`);

test('an outbid or a lead is news for its one bidder only', () => {
  const outbid: AuctionEvent = { ...base, kind: 'outbid', eventId: 'b1:outbid:2', userId: 2, price: 500, bidId: 'b1' };
  expect(needsAudience(outbid)).toBe(false);
  expect(who(outbid)).toEqual(['2:outbid']);
  expect(who({ ...base, kind: 'leading', eventId: 'b1:leading:1', userId: 1, price: 500, bidId: 'b1' })).toEqual(['1:leading']);
});

test('a reminder or a withdrawal goes to every bidder and watcher, once each', () => {
  const ending: AuctionEvent = { ...base, kind: 'ending_soon', eventId: 'a1:ending_soon:10m', window: '10m', endsAt: 99 };
  expect(needsAudience(ending)).toBe(true);
  expect(who(ending)).toEqual(['1:ending_soon', '2:ending_soon', '3:ending_soon', '4:ending_soon']);
  expect(who({ ...base, kind: 'withdrawn', eventId: 'a1:withdrawn', reason: 'Sold privately' })).toHaveLength(4);
});

test('a close is won for the buyer, lost for the other bidders, ended for those who only watched', () => {
  const sold: AuctionEvent = { ...base, kind: 'closed', eventId: 'a1:closed', status: 'sold', finalPrice: 900, winnerId: 2, leaderId: 2 };
  expect(who(sold)).toEqual(['1:lost', '2:won', '3:lost', '4:ended']);
  // Unsold: nobody won, not even the highest bidder.
  expect(who({ ...sold, status: 'unsold', winnerId: null })).toEqual(['1:lost', '2:lost', '3:lost', '4:ended']);
  expect(recipientsOf(sold, audience)[1]!.facts).toEqual({ status: 'sold', finalPrice: 900 });
});
