import { BID_LEDGER_COLLECTION, fromStoredLedgerRow, type BidLedgerRow } from '@car-auction/contracts';
import { appendToLedger, ensureLedgerCollection, type LedgerModel } from '../src/ledger/bid-ledger';
import { openTestLedger } from './helpers/test-ledger';

let ledger: LedgerModel;
let dropLedger: () => Promise<void>;

beforeAll(async () => {
  ({ ledger, drop: dropLedger } = await openTestLedger('ledger-store'));
});
afterAll(async () => {
  await dropLedger();
});

const row = (bidId: string, overrides: Partial<BidLedgerRow> = {}): BidLedgerRow => ({
  bidId,
  auctionId: 'auction-store',
  kind: 'bid',
  bidderId: 3,
  bidderUsername: 'bidder3',
  amount: 100_000,
  maxAmount: null,
  price: 100_000,
  proxyFor: null,
  placedAt: new Date('2026-12-02T09:00:00.000Z'),
  partition: 1,
  offset: 10,
  outcome: 'accepted',
  reason: null,
  seq: 1,
  after: {
    currentPrice: 100_000,
    leaderId: 3,
    leaderName: 'b*****3',
    leaderUsername: 'bidder3',
    leaderMax: 100_000,
    leaderBidId: bidId,
    bidCount: 1,
    softCloseUntil: 0,
  },
  decidedAt: new Date('2026-12-02T09:00:00.020Z'),
  ...overrides,
});

describe('the bid ledger on the real server', () => {
  it('stores a row without its null fields and reads it back whole', async () => {
    const written = row('store-1');
    await appendToLedger(ledger, [written]);
    const raw = await ledger.collection.findOne({ _id: 'store-1' } as never);
    expect(raw).not.toBeNull();
    expect(['proxyFor', 'reason', 'maxAmount'].filter((field) => field in raw!)).toEqual([]);
    expect(typeof raw!.after).toBe('string');
    expect(fromStoredLedgerRow(raw as never)).toEqual(written);
  });

  it('skips a redelivered row and keeps the first one', async () => {
    await appendToLedger(ledger, [row('store-2', { amount: 110_000 })]);
    await appendToLedger(ledger, [row('store-2', { amount: 999_999 }), row('store-3', { offset: 11 })]);
    const docs = await ledger.collection.find({ _id: { $in: ['store-2', 'store-3'] } } as never).toArray();
    expect(docs.map((d) => [d._id, d.amount]).sort()).toEqual([
      ['store-2', 110_000],
      ['store-3', 100_000],
    ]);
  });

  it('drops an index no reader uses from a ledger created before, and keeps the one they use', async () => {
    await ledger.collection.createIndex({ auctionId: 1, placedAt: -1 });
    expect((await ledger.collection.indexes()).map((i) => i.name)).toContain('auctionId_1_placedAt_-1');
    await ensureLedgerCollection(ledger);
    const names = (await ledger.collection.indexes()).map((i) => i.name);
    expect(names).not.toContain('auctionId_1_placedAt_-1');
    expect(names).toContain('auctionId_1_offset_1');
    expect(ledger.collection.collectionName).toBe(BID_LEDGER_COLLECTION);
  });
});
