import { checkBidAgainstAuction, isPlausibleAuctionId, parseBidBody, type AuctionSnapshot } from '../../src/bids/bid-rules';
import { centsFromDb } from '../../src/bids/cents';

const auction: AuctionSnapshot = {
  startsAt: 1_000,
  endsAt: 2_000,
  minimumNextBid: 10_000,
  currentPrice: null,
  leaderId: null,
  bidCount: 0,
};
const bid = (amount: number, maxAmount?: number, bidderId = 7) => ({ bidderId, amount, maxAmount });

describe('checkBidAgainstAuction', () => {
  test('opens at startsAt and closes at endsAt (end exclusive)', () => {
    expect(checkBidAgainstAuction(auction, bid(10_000), 999)?.code).toBe('auction_not_started');
    expect(checkBidAgainstAuction(auction, bid(10_000), 1_000)).toBeNull();
    expect(checkBidAgainstAuction(auction, bid(10_000), 1_999)).toBeNull();
    expect(checkBidAgainstAuction(auction, bid(10_000), 2_000)?.code).toBe('auction_ended');
  });

  test('a bid must reach the minimum next bid the auction library stored (the starting price, then price plus increment)', () => {
    expect(checkBidAgainstAuction(auction, bid(9_999), 1_500)).toMatchObject({ status: 422, details: { minimumBid: 10_000 } });
    // Two bids in, at 12,000 with a 500 increment: the library stored 12,500.
    const withBids = { ...auction, minimumNextBid: 12_500 };
    expect(checkBidAgainstAuction(withBids, bid(12_499), 1_500)).toMatchObject({ code: 'bid_too_low', details: { minimumBid: 12_500 } });
    expect(checkBidAgainstAuction(withBids, bid(12_500), 1_500)).toBeNull();
  });

  test('a maximum below the minimum next bid is refused with the minimum; one at it passes whatever the amount (the engine lifts it)', () => {
    const withBids = { ...auction, minimumNextBid: 12_500, currentPrice: 12_000, leaderId: 3, bidCount: 2 };
    expect(checkBidAgainstAuction(withBids, bid(12_000, 12_499), 1_500)).toMatchObject({
      status: 422,
      code: 'max_below_minimum',
      message: 'Your maximum must be at least the minimum next bid of 12500 cents',
      details: { minimumBid: 12_500 },
    });
    expect(checkBidAgainstAuction(withBids, bid(12_500, 12_500), 1_500)).toBeNull();
    expect(checkBidAgainstAuction(withBids, bid(12_499, 20_000), 1_500)).toBeNull();
    expect(checkBidAgainstAuction(withBids, bid(12_499), 1_500)).toMatchObject({ code: 'bid_too_low' });
  });

  test('the leader changes their maximum: no minimum, never below the current price', () => {
    const leading = { ...auction, minimumNextBid: 12_500, currentPrice: 12_000, leaderId: 7, bidCount: 2 };
    expect(checkBidAgainstAuction(leading, bid(12_000, 15_000), 1_500)).toBeNull();
    expect(checkBidAgainstAuction(leading, bid(12_000), 1_500)).toBeNull();
    expect(checkBidAgainstAuction(leading, bid(11_000, 11_999), 1_500)).toMatchObject({
      status: 422,
      code: 'max_below_price',
      details: { currentPrice: 12_000 },
    });
    expect(checkBidAgainstAuction(leading, bid(11_999), 1_500)).toMatchObject({ code: 'max_below_price' });
    // Another bidder on the same state is judged by the minimum.
    expect(checkBidAgainstAuction(leading, bid(12_000, undefined, 8), 1_500)).toMatchObject({ code: 'bid_too_low' });
    expect(checkBidAgainstAuction(leading, bid(12_000, 12_499, 8), 1_500)).toMatchObject({ code: 'max_below_minimum' });
    // The times still come first.
    expect(checkBidAgainstAuction(leading, bid(12_000, 15_000), 2_000)?.code).toBe('auction_ended');
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
    [{ amount: 5, maxAmount: 5 }, true],
    [{ amount: 5, maxAmount: 6 }, true],
  ])('%p accepted: %p', (body, ok) => {
    expect(parseBidBody(body).ok).toBe(ok);
  });

  test.each([
    [{ amount: 5, maxAmount: 4 }, 'maxAmount must be at least amount'],
    [{ amount: 5, maxAmount: 5.5 }, 'maxAmount must be a whole number of cents'],
    [{ amount: 5, maxAmount: 0 }, 'maxAmount must be positive'],
    [{ amount: 5, maxAmount: 100_000_000_001 }, 'maxAmount must be at most 100000000000 cents'],
    [{ amount: 5, maxAmount: '9' }, 'maxAmount must be a number of cents'],
    [{ amount: 5, maxAmount: null }, 'maxAmount must be a number of cents'],
  ])('%p is invalid_max_amount: %s', (body, message) => {
    expect(parseBidBody(body)).toEqual({ ok: false, error: { status: 400, code: 'invalid_max_amount', message } });
  });

  test('the maximum is kept when given, absent otherwise', () => {
    expect(parseBidBody({ amount: 5, maxAmount: 9 })).toEqual({ ok: true, amount: 5, maxAmount: 9 });
    expect(parseBidBody({ amount: 5 })).toEqual({ ok: true, amount: 5 });
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
