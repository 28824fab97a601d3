import type { AdminActivityEvent, AdminBidEntry, AuctionLiveState } from '@car-auction/contracts';
import { whyNot } from '../../src/admin/actions/action-availability';
import { resultSummary } from '../../src/admin/result/result-summary';
import {
  applyActivity,
  applyAdminAction,
  bidsPerMinute,
  emptyFeed,
  FEED_LENGTH,
  timeLeft,
  widgetRows,
  WIDGET_ROWS,
} from '../../src/admin/live/live-feed';
import { shortDateCell } from '../../src/admin/list-columns';
import { formatMoneyColumns, moneyCell, MONEY_FIELD_UID } from '../../src/plugins/money/admin/src/money-columns';
import { readMoneyInput } from '../../src/plugins/money/admin/src/money-input-text';

const state = (auctionId: string, seq: number, currentPrice: number): AuctionLiveState =>
  ({ auctionId, seq, currentPrice, bidCount: seq, endsAt: 10_000_000, status: 'live' }) as AuctionLiveState;
const bid = (n: number, auctionId = 'a1'): AdminBidEntry => ({
  bidId: `b${n}`,
  auctionId,
  bidderId: n,
  bidderUsername: `user${n}`,
  amount: 1000 + n,
  outcome: 'accepted',
  reason: null,
  currentPrice: 1000 + n,
  placedAt: n,
});
const activity = (bids: AdminBidEntry[], states: AuctionLiveState[]): AdminActivityEvent => ({ bids, decided: bids.length, states });

describe("the panel's live feed", () => {
  test('keeps each auction at its newest state, whatever order events arrive in', () => {
    let feed = applyActivity(emptyFeed(), activity([bid(1)], [state('a1', 5, 1500)]), 0);
    feed = applyActivity(feed, activity([], [state('a1', 4, 1400)]), 10);
    expect(feed.auctions.get('a1')!.state).toMatchObject({ seq: 5, currentPrice: 1500 });
    feed = applyActivity(feed, activity([], [state('a1', 6, 1600)]), 20);
    expect(feed.auctions.get('a1')!.state).toMatchObject({ seq: 6, currentPrice: 1600 });
  });

  test('lists the latest bids newest first, at most FEED_LENGTH', () => {
    let feed = emptyFeed();
    for (let n = 1; n <= FEED_LENGTH + 5; n++) feed = applyActivity(feed, activity([bid(n)], []), n);
    expect(feed.bids).toHaveLength(FEED_LENGTH);
    expect(feed.bids[0]!.bidId).toBe(`b${FEED_LENGTH + 5}`);
    const run = applyActivity(emptyFeed(), activity([bid(1), bid(2), bid(3)], []), 0);
    expect(run.bids.map((b) => b.bidId)).toEqual(['b3', 'b2', 'b1']);
  });

  test('counts bids per minute over the last minute, per auction and in all', () => {
    let feed = applyActivity(emptyFeed(), activity([bid(1), bid(2, 'a2')], []), 0);
    feed = applyActivity(feed, activity([bid(3)], []), 30_000);
    expect(bidsPerMinute(feed, 30_000)).toBe(3);
    expect(bidsPerMinute(feed, 30_000, 'a1')).toBe(2);
    expect(bidsPerMinute(feed, 61_000, 'a1')).toBe(1);
    expect(bidsPerMinute(feed, 91_000)).toBe(0);
  });

  test('an auction ended now ends at that moment; a withdrawn one leaves the list', () => {
    let feed = applyActivity(emptyFeed(), activity([], [state('a1', 5, 1500), state('a2', 2, 900)]), 0);
    feed = applyAdminAction(feed, { auctionId: 'a1', action: 'ended', at: 5_000, endsAt: 5_000, reason: null });
    expect(feed.auctions.get('a1')!.state).toMatchObject({ endsAt: 5_000, seq: 5 });
    feed = applyAdminAction(feed, { auctionId: 'a2', action: 'withdrawn', at: 6_000, endsAt: 10_000_000, reason: 'Title problem' });
    expect([...feed.auctions.keys()]).toEqual(['a1']);
    expect(applyAdminAction(feed, { auctionId: 'gone', action: 'ended', at: 1, endsAt: 1, reason: null })).toBe(feed);
  });

  test('lists where the bidding is first, then the soonest to end, at most WIDGET_ROWS live auctions', () => {
    const ending = (auctionId: string, endsAt: number) => ({ ...state(auctionId, 1, 1000), endsAt });
    let feed = applyActivity(emptyFeed(), activity([], [ending('soon', 200_000), ending('later', 900_000), ending('over', 50_000)]), 0);
    expect(widgetRows(feed, 100_000).map((r) => r.auctionId)).toEqual(['soon', 'later']);
    feed = applyActivity(feed, activity([bid(1, 'later')], []), 100_000);
    expect(widgetRows(feed, 100_000).map((r) => r.auctionId)).toEqual(['later', 'soon']);
    // A minute later the bid no longer counts: back to the soonest first.
    expect(widgetRows(feed, 160_001).map((r) => r.auctionId)).toEqual(['soon', 'later']);
    const many = applyActivity(
      emptyFeed(),
      activity(
        [],
        Array.from({ length: WIDGET_ROWS + 3 }, (_, i) => ending(`a${i}`, 500_000 + i)),
      ),
      0,
    );
    expect(widgetRows(many, 0)).toHaveLength(WIDGET_ROWS);
  });

  test('says how long is left', () => {
    expect(timeLeft(1000, 2000)).toBe('ended');
    expect(timeLeft(245_000, 0)).toBe('4:05');
    expect(timeLeft(2 * 3_600_000 + 10 * 60_000, 0)).toBe('2h 10m');
    expect(timeLeft(3 * 86_400_000 + 5 * 3_600_000, 0)).toBe('3d 5h');
  });
});

describe('money and dates in the panel', () => {
  test('reads what an editor types as cents, with messages for the rest', () => {
    expect(readMoneyInput('15,000.50', 1)).toEqual({ ok: true, cents: 1_500_050 });
    expect(readMoneyInput('', 1)).toEqual({ ok: true, cents: null });
    expect(readMoneyInput('0', 0)).toEqual({ ok: true, cents: 0 });
    expect(readMoneyInput('12.345', 1)).toEqual({ ok: false, message: 'Enter an amount like 15000 or 15000.50' });
    expect(readMoneyInput('0', 1)).toEqual({ ok: false, message: 'Enter an amount above zero' });
    expect(readMoneyInput('99999999999', 1)).toEqual({ ok: false, message: 'That amount is too large' });
  });

  test("shows money columns in the row's currency, and only money columns", () => {
    expect(moneyCell({ currentPrice: '1525000', currency: 'USD' }, { name: 'currentPrice' })).toBe('$15,250.00');
    expect(moneyCell({ hammerPrice: '99', currency: 'EUR' }, { name: 'hammerPrice' })).toBe('€0.99');
    expect(moneyCell({ currentPrice: null }, { name: 'currentPrice' })).toBe('-');
    const { displayedHeaders } = formatMoneyColumns({
      displayedHeaders: [
        { name: 'currentPrice', attribute: { customField: MONEY_FIELD_UID } },
        { name: 'bidCount', attribute: {} },
      ],
      layout: null,
    });
    expect(displayedHeaders.map((h) => typeof h.cellFormatter)).toEqual(['function', 'undefined']);
  });

  test('shortens datetimes in lists', () => {
    expect(shortDateCell({ endsAt: '2026-12-02T14:30:00.000Z' }, { name: 'endsAt' })).toMatch(/^Dec 2, \d\d:30 (AM|PM)$/);
    expect(shortDateCell({ endsAt: null }, { name: 'endsAt' })).toBe('-');
  });
});

describe("the edit view's End now and Withdraw", () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  const running = {
    publishedAt: '2026-12-01T00:00:00Z',
    startsAt: '2026-12-02T11:00:00Z',
    closesAt: '2026-12-02T13:00:00Z',
    saleStatus: 'live',
  };
  test('are offered on a running published auction only, each saying why not otherwise', () => {
    expect(whyNot('end', running, now)).toBeNull();
    expect(whyNot('withdraw', running, now)).toBeNull();
    expect(whyNot('end', { ...running, publishedAt: null }, now)).toMatch(/Publish/);
    expect(whyNot('end', { ...running, withdrawnAt: '2026-12-02T11:30:00Z' }, now)).toMatch(/withdrawn/);
    expect(whyNot('withdraw', { ...running, endedEarlyAt: '2026-12-02T11:30:00Z' }, now)).toMatch(/ended early/);
    expect(whyNot('withdraw', { ...running, saleStatus: 'sold' }, now)).toMatch(/closed/);
    expect(whyNot('end', { ...running, closesAt: '2026-12-02T11:59:59Z' }, now)).toMatch(/ended/);
    // Before its start an auction can be withdrawn, not ended.
    const scheduled = { ...running, startsAt: '2026-12-02T12:30:00Z', saleStatus: 'scheduled' };
    expect(whyNot('end', scheduled, now)).toMatch(/not started/);
    expect(whyNot('withdraw', scheduled, now)).toBeNull();
  });
});

describe("a closed auction's result in its edit view", () => {
  test('names the winner, or the highest bidder of an unsold auction for the seller to make an offer, or why it was withdrawn', () => {
    expect(resultSummary({ saleStatus: 'live', currentPrice: '100000', bidCount: 1, leaderUserId: 7 })).toBeNull();
    expect(resultSummary({ saleStatus: 'sold', currency: 'EUR', currentPrice: '1500000', bidCount: 3, leaderUserId: 7 })).toMatchObject({
      headline: 'Sold for €15,000.00',
      bidderId: 7,
    });
    expect(resultSummary({ saleStatus: 'unsold', currentPrice: '900000', reservePrice: '1200000', bidCount: 2, leaderUserId: 9 })).toEqual({
      headline: 'Unsold: highest bid $9,000.00',
      detail: 'The reserve of $12,000.00 was not met. The seller can offer the car to this bidder at an agreed price.',
      bidderId: 9,
    });
    expect(resultSummary({ saleStatus: 'unsold', currentPrice: null, bidCount: 0 })).toMatchObject({
      headline: 'Unsold: no bids',
      bidderId: null,
    });
    expect(resultSummary({ saleStatus: 'withdrawn', withdrawnAt: '2026-12-02T10:00:00Z', withdrawReason: 'Title problem' })).toEqual({
      headline: 'Withdrawn',
      detail: 'Title problem',
      bidderId: null,
    });
  });
});
