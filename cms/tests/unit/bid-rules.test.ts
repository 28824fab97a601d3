import { checkBidAgainstAuction, isPlausibleAuctionId, parseBidBody, type AuctionSnapshot } from '../../src/bids/bid-rules';
import { centsFromDb } from '../../src/bids/cents';

const auction: AuctionSnapshot = {
  startsAt: 1_000,
  endsAt: 2_000,
  minimumNextBid: 10_000,
};

describe('checkBidAgainstAuction', () => {
  test('opens at startsAt and closes at endsAt (end exclusive)', () => {
    expect(checkBidAgainstAuction(auction, 10_000, 999)?.code).toBe('auction_not_started');
    expect(checkBidAgainstAuction(auction, 10_000, 1_000)).toBeNull();
    expect(checkBidAgainstAuction(auction, 10_000, 1_999)).toBeNull();
    expect(checkBidAgainstAuction(auction, 10_000, 2_000)?.code).toBe('auction_ended');
  });

  test('a bid must reach the minimum next bid the auction library stored (the starting price, then price plus increment)', () => {
    expect(checkBidAgainstAuction(auction, 9_999, 1_500)).toMatchObject({ status: 422, details: { minimumBid: 10_000 } });
    // Two bids in, at 12,000 with a 500 increment: the library stored 12,500.
    const withBids = { ...auction, minimumNextBid: 12_500 };
    expect(checkBidAgainstAuction(withBids, 12_499, 1_500)).toMatchObject({ code: 'bid_too_low', details: { minimumBid: 12_500 } });
    expect(checkBidAgainstAuction(withBids, 12_500, 1_500)).toBeNull();
  });
});

describe('parseBidBody', () => {
  test.each([
    [{ amount: 1 }, true],
    [{ amount: 100_000_000_000 }, true],
    [{ amount: 100_000_000_001 }, false],
    [{ amount: 1.5 }, false],
    [{ amount: Number.NaN }, false],
    [{ amount: Number.POSITIVE_INFINITY }, false],
    [{ amount: '5' }, false],
    [{ amount: true }, false],
    [{ amount: [5] }, false],
    [{}, false],
    [null, false],
    ['{"amount":5}', false],
    [[{ amount: 5 }], false],
  ])('%p accepted: %p', (body, ok) => {
    expect(parseBidBody(body).ok).toBe(ok);
  });
});

test('auction ids must look like Strapi document ids', () => {
  expect(isPlausibleAuctionId('abc123xyz')).toBe(true);
  expect(isPlausibleAuctionId('ABC')).toBe(false);
  expect(isPlausibleAuctionId('../x')).toBe(false);
  expect(isPlausibleAuctionId('a'.repeat(65))).toBe(false);
  expect(isPlausibleAuctionId(42)).toBe(false);
});

test('biginteger columns come back as exact cents', () => {
  expect(centsFromDb('123456789012')).toBe(123_456_789_012);
  expect(centsFromDb(null)).toBeNull();
  expect(() => centsFromDb('12.5')).toThrow();
});
