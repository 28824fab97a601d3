import { auctionView, ENDING_SOON_MS } from '../src/features/auctions/auction-view';
import { liveState, NOW, publicAuction } from './support/fixtures';

test('phases follow the server clock and the sale status', () => {
  const a = publicAuction();
  expect(auctionView(publicAuction({ startsAt: NOW + 1 }), null, NOW).phase).toBe('upcoming');
  expect(auctionView(a, null, NOW).phase).toBe('live');
  expect(auctionView(a, null, a.endsAt).phase).toBe('closing');
  expect(auctionView(publicAuction({ saleStatus: 'sold' }), null, NOW).phase).toBe('sold');
  expect(auctionView(publicAuction({ saleStatus: 'unsold' }), null, a.endsAt + 10).phase).toBe('unsold');
});

test('without bids the minimum is the starting price; with bids, the price plus the increment', () => {
  expect(auctionView(publicAuction(), null, NOW).minimumNextBid).toBe(6_000_000);
  expect(auctionView(publicAuction({ currentPrice: 6_500_000, bidCount: 3 }), null, NOW).minimumNextBid).toBe(6_600_000);
});

test('the live state wins over what REST said: price, end (soft close) and reserve', () => {
  const view = auctionView(
    publicAuction({ reserveStatus: 'not_met' }),
    liveState({
      currentPrice: 7_000_000,
      bidCount: 4,
      endsAt: NOW + 9_000_000,
      hasReserve: true,
      reserveMet: true,
      minimumNextBid: 7_100_000,
      leaderName: 'a***e',
    }),
    NOW,
  );
  expect(view).toMatchObject({
    currentPrice: 7_000_000,
    bidCount: 4,
    endsAt: NOW + 9_000_000,
    reserveStatus: 'met',
    minimumNextBid: 7_100_000,
    leaderName: 'a***e',
  });
});

test('ending soon only while live and within the window', () => {
  const a = publicAuction({ endsAt: NOW + ENDING_SOON_MS });
  expect(auctionView(a, null, NOW).endingSoon).toBe(true);
  expect(auctionView(a, null, NOW - 1).endingSoon).toBe(false);
  expect(auctionView(a, null, a.endsAt).endingSoon).toBe(false);
});
