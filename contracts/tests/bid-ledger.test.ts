import { fromStoredLedgerRow, proxyRowId, toStoredLedgerRow, type BidLedgerRow } from '../src';

const placedAt = new Date('2026-12-02T10:00:00.000Z');
const decidedAt = new Date('2026-12-02T10:00:00.050Z');

const led: BidLedgerRow = {
  bidId: 'b-1',
  auctionId: 'a-1',
  kind: 'bid',
  bidderId: 7,
  bidderUsername: 'carol',
  amount: 105_000,
  maxAmount: 150_000,
  price: 105_000,
  proxyFor: null,
  placedAt,
  partition: 3,
  offset: 42,
  outcome: 'accepted',
  reason: null,
  seq: 5,
  after: {
    currentPrice: 105_000,
    leaderId: 7,
    leaderName: 'c***l',
    leaderUsername: 'carol',
    leaderMax: 150_000,
    leaderBidId: 'b-1',
    bidCount: 4,
    softCloseUntil: 0,
  },
  decidedAt,
};

const refused: BidLedgerRow = {
  ...led,
  bidId: 'b-2',
  bidderId: 8,
  bidderUsername: 'dave',
  maxAmount: null,
  price: null,
  outcome: 'rejected',
  reason: 'below_minimum',
  after: null,
};

describe('the ledger row as stored', () => {
  it('leaves out null fields and keeps the state a row left as one JSON string', () => {
    const stored = toStoredLedgerRow(refused);
    expect(Object.keys(stored).sort()).toEqual(
      [
        '_id',
        'amount',
        'auctionId',
        'bidId',
        'bidderId',
        'bidderUsername',
        'decidedAt',
        'kind',
        'offset',
        'outcome',
        'partition',
        'placedAt',
        'reason',
        'seq',
      ].sort(),
    );
    expect(stored._id).toBe('b-2');
    expect(typeof toStoredLedgerRow(led).after).toBe('string');
  });

  it('reads back every row exactly as it was written', () => {
    const automatic: BidLedgerRow = { ...led, bidId: proxyRowId('b-2'), kind: 'proxy', after: null, proxyFor: 'b-1', seq: 6 };
    for (const row of [led, refused, automatic]) expect(fromStoredLedgerRow(toStoredLedgerRow(row))).toEqual(row);
  });

  it('reads rows written before this encoding: nulls stored and the state as a sub-document', () => {
    const { bidId, ...rest } = led;
    expect(fromStoredLedgerRow({ _id: bidId, bidId, ...rest })).toEqual(led);
    expect(fromStoredLedgerRow({ _id: 'b-2', ...refused })).toEqual(refused);
  });

  it('keeps a row written before maximums without a kind, so the rebuild can tell it apart', () => {
    const { kind: _kind, maxAmount: _max, price: _price, proxyFor: _for, after: _after, ...legacy } = refused;
    const read = fromStoredLedgerRow({ _id: legacy.bidId, ...legacy });
    expect(read.kind).toBeUndefined();
    expect(read).toMatchObject({ maxAmount: null, price: null, proxyFor: null, after: null, reason: 'below_minimum' });
  });
});
