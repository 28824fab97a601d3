import type { BidMessage, BidNoticesEvent } from '@car-auction/contracts';
import { publishDecisions, NOTICE_MAX_AGE_MS, type RoomEmitter } from '../src/realtime/publisher';
import type { Decision } from '../src/processing/decide-batch';
import type { DecidedBid } from '@car-auction/service-support';

// Pure routing of events to rooms: which room gets what.
function recorder() {
  const sent: { room: string; event: string }[] = [];
  const emitter: RoomEmitter = { to: (room) => ({ emit: (event, ..._args) => sent.push({ room, event }) }) };
  return { sent, emitter };
}
const NOW = 1_900_000_000_000;
function decision(placedAt: number, bidderId: number, previousLeaderId: number | null): Decision {
  const bid: BidMessage = {
    schemaVersion: 1,
    bidId: `b${bidderId}-${placedAt}`,
    auctionId: 'a1',
    bidderId,
    bidderUsername: 'x',
    amount: 100,
    placedAt,
  };
  const decided: DecidedBid = {
    bidId: bid.bidId,
    outcome: 'accepted',
    reason: null,
    seq: 2,
    currentPrice: 100,
    leaderId: bidderId,
    leaderName: 'x***x',
    bidCount: 2,
    endsAt: NOW + 1,
    minimumNextBid: 200,
    increment: 100,
    reserveMet: true,
    previousLeaderId,
  };
  return { bid, partition: 0, offset: '1', decided };
}

test('a fresh bid tells its bidder, the bidder it outbid, and the room', () => {
  const { sent, emitter } = recorder();
  publishDecisions(emitter, [decision(NOW - 100, 7, 3)], new Map(), NOW);
  expect(sent).toEqual([
    { room: 'user:7', event: 'bid:notices' },
    { room: 'user:3', event: 'bid:notices' },
  ]);
});

test('a run sends one notices event per user, with every outcome and outbid in decision order', () => {
  const events: { room: string; payload: BidNoticesEvent }[] = [];
  const emitter: RoomEmitter = {
    to: (room) => ({ emit: (_event, payload) => events.push({ room, payload: payload as BidNoticesEvent }) }),
  };
  // 7 bids over 3, 3 bids back over 7, 7 bids again over 3.
  publishDecisions(emitter, [decision(NOW - 300, 7, 3), decision(NOW - 200, 3, 7), decision(NOW - 100, 7, 3)], new Map(), NOW);
  expect(events.map((e) => e.room)).toEqual(['user:7', 'user:3']);
  const [seven, three] = events.map((e) => e.payload);
  expect(seven!.outcomes.map((o) => o.bidId)).toEqual([`b7-${NOW - 300}`, `b7-${NOW - 100}`]);
  expect(seven!.outbids).toHaveLength(1);
  expect(three!.outcomes.map((o) => o.bidId)).toEqual([`b3-${NOW - 200}`]);
  expect(three!.outbids).toHaveLength(2);
});

test('a run that changed no auction sends the admin room nothing', () => {
  const events: string[] = [];
  const emitter: RoomEmitter = {
    to: (room) => ({ emit: (event, payload) => events.push(`${room} ${event} ${payload === undefined ? '' : '+'}`) }),
  };
  const refused = decision(NOW - 100, 8, null);
  publishDecisions(
    emitter,
    [{ ...refused, decided: { ...refused.decided, outcome: 'rejected', reason: 'below_minimum', changed: false } }],
    // The auction's state is at hand: only the decision's `changed` keeps the admin room out of it.
    new Map([['a1', { live: { auctionId: 'a1', seq: 1, currentPrice: 10_000 }, leaderId: 3, leaderMax: 10_000 } as never]]),
    NOW,
  );
  expect(events.filter((e) => e.startsWith('admin:live'))).toEqual([]);
  expect(events.length).toBeGreaterThan(0);
});

test('a catch-up bid older than the notice age sends no personal notices', () => {
  const { sent, emitter } = recorder();
  publishDecisions(emitter, [decision(NOW - NOTICE_MAX_AGE_MS - 1, 7, 3)], new Map(), NOW);
  expect(sent).toEqual([]);
});

test("a bid the leader's maximum answered: its bidder hears why, the room gets the moved price, and no one else learns a maximum", () => {
  const events: { room: string; event: string; payload: unknown }[] = [];
  const emitter: RoomEmitter = { to: (room) => ({ emit: (event, payload) => events.push({ room, event, payload }) }) };
  const base = decision(NOW - 100, 8, null);
  const answered: Decision = {
    ...base,
    bid: { ...base.bid, amount: 10_500, maxAmount: 11_000 },
    decided: {
      ...base.decided,
      outcome: 'rejected',
      reason: 'outbid_by_maximum',
      changed: true,
      maxAmount: 11_000,
      currentPrice: 11_100,
      leaderId: 3,
      previousLeaderId: null,
    },
  };
  const live = { auctionId: 'a1', seq: 2, currentPrice: 11_100 } as never;
  publishDecisions(emitter, [answered], new Map([['a1', { live, leaderId: 3, leaderMax: 12_000 }]]), NOW);
  expect(events.map((e) => `${e.room} ${e.event}`)).toEqual([
    'user:8 bid:notices',
    'auction:a1 auction:state',
    'admin:live admin:activity',
  ]);
  // The panel's feed: who bid what and what came of it, with the auction's new state.
  expect(events[2]!.payload).toEqual({
    bids: [
      {
        bidId: base.bid.bidId,
        auctionId: 'a1',
        bidderId: 8,
        bidderUsername: base.bid.bidderUsername,
        amount: 10_500,
        outcome: 'rejected',
        reason: 'outbid_by_maximum',
        currentPrice: 11_100,
        placedAt: base.bid.placedAt,
      },
    ],
    decided: 1,
    states: [live],
  });
  expect((events[0]!.payload as BidNoticesEvent).outcomes[0]).toMatchObject({
    reason: 'outbid_by_maximum',
    maxAmount: 11_000,
    currentPrice: 11_100,
  });
  // The leader's maximum (12,000) is in no event, the admins' included; the bidder's own (11,000) only in their own room.
  expect(JSON.stringify(events)).not.toContain('12000');
  expect(JSON.stringify(events.slice(1))).not.toContain('11000');
});
