import { bidMessageSchema, placeBidRequestSchema, MAX_AMOUNT_CENTS } from '../src';

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

test('the request schema takes an amount in cents and, optionally, a maximum', () => {
  expect(placeBidRequestSchema.safeParse({ amount: 5 }).success).toBe(true);
  expect(placeBidRequestSchema.safeParse({ amount: 5, maxAmount: 5 }).success).toBe(true);
  expect(placeBidRequestSchema.safeParse({ amount: 5, maxAmount: 900 }).success).toBe(true);
  expect(placeBidRequestSchema.safeParse({ amount: MAX_AMOUNT_CENTS + 1 }).success).toBe(false);
  expect(placeBidRequestSchema.safeParse({ amount: 5, auctionId: 'x' }).success).toBe(false);
});

test.each([
  ['below the amount', { amount: 500, maxAmount: 499 }, 'maxAmount must be at least amount'],
  ['not whole cents', { amount: 500, maxAmount: 600.5 }, 'maxAmount must be a whole number of cents'],
  ['above the ceiling', { amount: 500, maxAmount: MAX_AMOUNT_CENTS + 1 }, `maxAmount must be at most ${MAX_AMOUNT_CENTS} cents`],
  ['a string', { amount: 500, maxAmount: '600' }, 'maxAmount must be a number of cents'],
  ['zero', { amount: 500, maxAmount: 0 }, 'maxAmount must be positive'],
])('a maximum %s is refused, on maxAmount, with its message', (_name, body, message) => {
  const parsed = placeBidRequestSchema.safeParse(body);
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues[0]).toMatchObject({ path: ['maxAmount'], message });
});

test('a bid message may carry a maximum', () => {
  expect(bidMessageSchema.parse({ ...valid, maxAmount: 200_000 })).toEqual({ ...valid, maxAmount: 200_000 });
  expect(bidMessageSchema.safeParse({ ...valid, maxAmount: 1.5 }).success).toBe(false);
});
