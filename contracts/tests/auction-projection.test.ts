import { AUCTION_PROJECTION_BATCH_MAX, auctionProjectionBatchSchema } from '../src';

const projection = {
  version: 3,
  currentPrice: 125_000,
  leaderUserId: 7,
  leaderName: 'a***e',
  bidCount: 3,
  saleStatus: 'live',
  endsAt: 1_900_000_000_000,
};
const item = (auctionId = 'k2v9x0abcdefghijklmnopqr') => ({ auctionId, projection });

test('a batch of projections round-trips through JSON', () => {
  const batch = { data: [item('a1'), item('b2')] };
  expect(auctionProjectionBatchSchema.parse(JSON.parse(JSON.stringify(batch)))).toEqual(batch);
});

test.each([
  ['an empty batch', { data: [] }],
  ['a batch over the limit', { data: Array.from({ length: AUCTION_PROJECTION_BATCH_MAX + 1 }, () => item()) }],
  ['an id that is no documentId', { data: [item('../1')] }],
  ['an upper-case id', { data: [item('ABC')] }],
  ['an id too long', { data: [item('a'.repeat(65))] }],
  ['an unknown field in an item', { data: [{ ...item(), extra: 1 }] }],
  ['an unknown field beside data', { data: [item()], extra: 1 }],
  ['a bad projection', { data: [{ auctionId: 'a1', projection: { ...projection, version: 0 } }] }],
  ['no array', { data: item() }],
])('refuses %s', (_name, batch) => {
  expect(auctionProjectionBatchSchema.safeParse(batch).success).toBe(false);
});

test('takes exactly the limit', () => {
  expect(auctionProjectionBatchSchema.safeParse({ data: Array.from({ length: AUCTION_PROJECTION_BATCH_MAX }, () => item()) }).success).toBe(
    true,
  );
});
