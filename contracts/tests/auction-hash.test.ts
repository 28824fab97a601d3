import { AUCTION_HASH_FIELDS, AuctionHashError, parseAuctionHash } from '../src';

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
    config: { startsAt: 1000, endsAt: 2000, startingPrice: 500, minIncrement: 50, reservePrice: 0, softCloseMs: 120_000, withdrawn: false },
    state: {
      seq: 0,
      currentPrice: null,
      leaderId: null,
      leaderName: null,
      bidCount: 0,
      softCloseUntil: 0,
      lastPartition: null,
      lastOffset: null,
      closedAs: null,
    },
    effectiveEnd: 2000,
    minNextBid: 500,
  });
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
