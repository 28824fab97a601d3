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

test('the minimum next bid and the increment are the ones the auction table gave: live first, else REST, never computed', () => {
  // REST's stored values, even where a fixed increment would say otherwise (a tier table).
  const rest = publicAuction({ currentPrice: 6_500_000, bidCount: 3, minimumNextBid: 6_750_000, increment: 250_000 });
  expect(auctionView(rest, null, NOW)).toMatchObject({ minimumNextBid: 6_750_000, increment: 250_000 });
  expect(auctionView(rest, liveState({ currentPrice: 7_000_000, minimumNextBid: 7_500_000, increment: 500_000 }), NOW)).toMatchObject({
    minimumNextBid: 7_500_000,
    increment: 500_000,
  });
  // Neither has them yet: unknown, not guessed from the price and minIncrement.
  const unknown = publicAuction({ currentPrice: 6_500_000, bidCount: 3, minimumNextBid: null, increment: null });
  expect(auctionView(unknown, null, NOW)).toMatchObject({ minimumNextBid: null, increment: null });
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
