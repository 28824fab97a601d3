import {
  AUCTION_HASH_FIELDS,
  AuctionHashError,
  DEFAULT_CAR_INCREMENT_TIERS,
  decodeIncrementTiers,
  encodeIncrementTiers,
  incrementTiersSchema,
  parseAuctionHash,
} from '../src';

const configured = {
  startsAt: '1000',
  endsAt: '2000',
  startingPrice: '500',
  minIncrement: '50',
  reservePrice: '0',
  softCloseMs: '120000',
  withdrawn: '0',
  effectiveEnd: '2000',
  minNextBid: '500',
};

test('a hash with no configuration is no auction', () => {
  expect(parseAuctionHash({})).toBeNull();
  expect(parseAuctionHash({ lastPartition: '1', lastOffset: '7' })).toBeNull();
});

test('a configured hash with no bid yet parses with the state at its defaults', () => {
  expect(parseAuctionHash(configured)).toEqual({
    config: {
      startsAt: 1000,
      endsAt: 2000,
      startingPrice: 500,
      minIncrement: 50,
      reservePrice: 0,
      softCloseMs: 120_000,
      softCloseCapMs: 0,
      incrementTiers: [],
      withdrawn: false,
      hardEndAt: 0,
    },
    state: {
      seq: 0,
      currentPrice: null,
      leaderId: null,
      leaderName: null,
      leaderUsername: null,
      leaderMax: null,
      leaderBidId: null,
      bidCount: 0,
      softCloseUntil: 0,
      lastPartition: null,
      lastOffset: null,
      closedAs: null,
    },
    effectiveEnd: 2000,
    minNextBid: 500,
    // A hash from before increment tables has no increment field: the fixed one.
    increment: 50,
  });
});

test('an increment table travels into the hash and back', () => {
  const encoded = encodeIncrementTiers(DEFAULT_CAR_INCREMENT_TIERS);
  expect(encoded).toMatch(/^0:\d+(,\d+:\d+)+$/);
  expect(parseAuctionHash({ ...configured, increments: encoded, increment: '5000' })?.config.incrementTiers).toEqual(
    DEFAULT_CAR_INCREMENT_TIERS,
  );
  expect(decodeIncrementTiers('')).toEqual([]);
  expect(encodeIncrementTiers([])).toBe('');
});

test.each([
  ['no tier', [], 'at least one tier'],
  ['a first tier above 0', [{ fromPrice: 100, increment: 10 }], 'the first tier must start at a price of 0'],
  [
    'prices not rising',
    [
      { fromPrice: 0, increment: 10 },
      { fromPrice: 0, increment: 20 },
    ],
    'each tier must start at a higher price',
  ],
  ['a zero increment', [{ fromPrice: 0, increment: 0 }], ''],
])('an increment table with %s is refused', (_name, tiers, message) => {
  const parsed = incrementTiersSchema.safeParse(tiers);
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues.map((i) => i.message).join('; ')).toContain(message);
});

test('the default car table is a valid table', () => {
  expect(incrementTiersSchema.safeParse(DEFAULT_CAR_INCREMENT_TIERS).success).toBe(true);
});

test('what must be there must be there, and be a number', () => {
  const { minNextBid: _minNextBid, ...withoutRules } = configured;
  expect(() => parseAuctionHash(withoutRules)).toThrow(AuctionHashError);
  expect(() => parseAuctionHash({ ...configured, endsAt: 'soon' })).toThrow(/endsAt is not a number/);
  expect(() => parseAuctionHash({ ...configured, closedAs: 'maybe' })).toThrow(AuctionHashError);
  expect(parseAuctionHash({ ...configured, withdrawn: '1', closedAs: 'sold' })).toMatchObject({
    config: { withdrawn: true },
    state: { closedAs: 'sold' },
  });
});

test('the field list names each field once', () => {
  expect(new Set(AUCTION_HASH_FIELDS).size).toBe(AUCTION_HASH_FIELDS.length);
});
