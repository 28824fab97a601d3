import { bidMessageSchema, minimumNextBid, placeBidRequestSchema, MAX_AMOUNT_CENTS } from '../src';

const valid = {
  schemaVersion: 1,
  bidId: '0b6c4c7e-4a3e-4a57-9b53-6f1a2f3c9d10',
  auctionId: 'k2v9x0abcdefghijklmnopqr',
  bidderId: 7,
  bidderUsername: 'alice',
  amount: 125_000,
  placedAt: 1_790_000_000_000,
};

test('a bid message round-trips through JSON', () => {
  expect(bidMessageSchema.parse(JSON.parse(JSON.stringify(valid)))).toEqual(valid);
});

test.each([
  ['an unknown field', { ...valid, extra: 1 }],
  ['a non-uuid bid id', { ...valid, bidId: 'abc' }],
  ['fractional cents', { ...valid, amount: 1.5 }],
  ['a string amount', { ...valid, amount: '125000' }],
  ['another schema version', { ...valid, schemaVersion: 2 }],
  ['a missing timestamp', { ...valid, placedAt: undefined }],
])('refuses %s', (_name, message) => {
  expect(bidMessageSchema.safeParse(message).success).toBe(false);
});

test('the request schema takes exactly an amount in cents', () => {
  expect(placeBidRequestSchema.safeParse({ amount: 5 }).success).toBe(true);
  expect(placeBidRequestSchema.safeParse({ amount: MAX_AMOUNT_CENTS + 1 }).success).toBe(false);
  expect(placeBidRequestSchema.safeParse({ amount: 5, auctionId: 'x' }).success).toBe(false);
});

test('minimum next bid', () => {
  expect(minimumNextBid({ startingPrice: 100, minIncrement: 10 })).toBe(100);
  expect(minimumNextBid({ startingPrice: 100, minIncrement: 10, currentPrice: 150, bidCount: 1 })).toBe(160);
});
