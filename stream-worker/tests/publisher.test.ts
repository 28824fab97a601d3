import type { BidMessage } from '@car-auction/contracts';
import { publishDecisions, NOTICE_MAX_AGE_MS, type RoomEmitter } from '../src/realtime/publisher';
import type { Decision } from '../src/processing/decide-batch';
import type { DecidedBid } from '../src/redis/auction-commands';

// Pure routing of events to rooms: which room gets what.
function recorder() {
  const sent: { room: string; event: string }[] = [];
  const emitter: RoomEmitter = { to: (room) => ({ emit: (event) => sent.push({ room, event }) }) };
  return { sent, emitter };
}
const NOW = 1_900_000_000_000;
function decision(placedAt: number, bidderId: number, previousLeaderId: number | null): Decision {
  const bid: BidMessage = { schemaVersion: 1, bidId: `b${bidderId}-${placedAt}`, auctionId: 'a1', bidderId, bidderUsername: 'x', amount: 100, placedAt };
  const decided: DecidedBid = {
    bidId: bid.bidId, outcome: 'accepted', reason: null, seq: 2, currentPrice: 100, leaderId: bidderId, leaderName: 'x***x',
    bidCount: 2, endsAt: NOW + 1, minimumNextBid: 200, reserveMet: true, previousLeaderId,
  };
  return { bid, partition: 0, offset: '1', decided };
}

test('a fresh bid tells its bidder, the bidder it outbid, and the room', () => {
  const { sent, emitter } = recorder();
  publishDecisions(emitter, [decision(NOW - 100, 7, 3)], new Map(), NOW);
  expect(sent).toEqual([
    { room: 'user:7', event: 'bid:outcome' },
    { room: 'user:3', event: 'bid:outbid' },
  ]);
});

test('a catch-up bid older than the notice age sends no personal notices', () => {
  const { sent, emitter } = recorder();
  publishDecisions(emitter, [decision(NOW - NOTICE_MAX_AGE_MS - 1, 7, 3)], new Map(), NOW);
  expect(sent).toEqual([]);
});
