import type { DecidedBid } from '@car-auction/service-support';
import { auctionEventsOf } from '../src/events/auction-events-of';
import { tightestDue } from '../src/events/event-ticker';
import type { Decision } from '../src/processing/decide-batch';

let offset = 0;
const decision = (bidderId: number, decided: Partial<DecidedBid>): Decision => {
  offset++;
  return {
    bid: { bidId: `b${offset}`, auctionId: 'a1', bidderId, bidderUsername: `u${bidderId}`, amount: 100, placedAt: 1_000 + offset },
    partition: 0,
    offset: String(offset),
    decided: {
      bidId: `b${offset}`,
      outcome: 'accepted',
      reason: null,
      seq: offset,
      changed: true,
      currentPrice: 100,
      leaderId: bidderId,
      leaderName: null,
      bidCount: 2,
      endsAt: 10_000,
      minimumNextBid: 200,
      increment: 100,
      reserveMet: false,
      previousLeaderId: null,
      ...decided,
    },
  } as Decision;
};
const kinds = (decisions: Decision[]) => auctionEventsOf(decisions).map((e) => `${e.kind}${'userId' in e ? ` ${e.userId}` : ''}`);

test('the first bid leads; a new leader is told so and the last one is told they were outbid', () => {
  expect(kinds([decision(1, { bidCount: 1 })])).toEqual(['leading 1']);
  expect(kinds([decision(2, { previousLeaderId: 1 })])).toEqual(['outbid 1', 'leading 2']);
});

test('a bid a standing maximum beats at once: its bidder is outbid, the leader hears nothing new', () => {
  // Bob bids under Alice's maximum: refused, the price rises, Alice still leads.
  expect(kinds([decision(2, { outcome: 'rejected', reason: 'outbid_by_maximum', leaderId: 1, previousLeaderId: null })])).toEqual([
    'outbid 2',
  ]);
});

test('refusals, stale redeliveries and bids that changed nothing produce no event', () => {
  expect(kinds([decision(2, { outcome: 'rejected', reason: 'below_minimum', changed: false, leaderId: 1 })])).toEqual([]);
  expect(kinds([decision(2, { outcome: 'stale', changed: undefined })])).toEqual([]);
  // The leader raising their own maximum moves nothing others see.
  expect(kinds([decision(1, { changed: false })])).toEqual([]);
});

test('the bid that meets the reserve says so, once', () => {
  expect(kinds([decision(2, { previousLeaderId: 1, reserveJustMet: true, reserveMet: true })])).toEqual([
    'outbid 1',
    'leading 2',
    'reserve_met',
  ]);
  expect(kinds([decision(1, { previousLeaderId: 2, reserveMet: true })])).toEqual(['outbid 2', 'leading 1']);
});

test('a redelivered bid (its outcome replayed) yields the same events with the same ids', () => {
  const first = decision(2, { previousLeaderId: 1, reserveJustMet: true });
  const again = { ...first, decided: { ...first.decided, replayed: true } };
  expect(auctionEventsOf([again])).toEqual(auctionEventsOf([first]));
});

test('the reminder due is the tightest window the time left is within', () => {
  expect(tightestDue(2 * 60 * 60 * 1000)).toBeNull();
  expect(tightestDue(60 * 60 * 1000)).toBe('1h');
  expect(tightestDue(30 * 60 * 1000)).toBe('1h');
  expect(tightestDue(10 * 60 * 1000)).toBe('10m');
  expect(tightestDue(5_000)).toBe('10m');
  expect(tightestDue(0)).toBeNull();
});
