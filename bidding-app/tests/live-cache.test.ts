import { QueryClient } from '@tanstack/react-query';
import type { AuctionLiveState, PublicAuction } from '@car-auction/contracts';
import { auctionKeys } from '../src/features/auctions/api/auction-keys';
import { auctionView } from '../src/features/auctions/auction-view';
import { applyAdminAction, applyClosed, applyLiveState } from '../src/features/auctions/live-cache';
import { liveState, NOW, publicAuction } from './support/fixtures';

let client: QueryClient;
beforeEach(() => {
  client = new QueryClient();
  client.setQueryData(auctionKeys.detail('auction1'), publicAuction());
  client.setQueryData(auctionKeys.list('live'), [publicAuction({ documentId: 'other' }), publicAuction()]);
});
afterEach(() => client.clear());

test('a newer state patches the detail and every list holding the auction', () => {
  const state = liveState({
    seq: 2,
    currentPrice: 6_100_000,
    bidCount: 1,
    leaderName: 'b***b',
    minimumNextBid: 6_350_000,
    increment: 250_000,
  });
  expect(applyLiveState(client, state)).toBe(true);
  expect(client.getQueryData<PublicAuction>(auctionKeys.detail('auction1'))).toMatchObject({
    currentPrice: 6_100_000,
    bidCount: 1,
    leaderName: 'b***b',
    minimumNextBid: 6_350_000,
    increment: 250_000,
  });
  const list = client.getQueryData<PublicAuction[]>(auctionKeys.list('live'))!;
  expect(list[1]).toMatchObject({ currentPrice: 6_100_000, bidCount: 1 });
  expect(list[0]).toMatchObject({ currentPrice: null, bidCount: 0 });
});

test('a state at or below the applied seq is dropped: the price never goes back', () => {
  applyLiveState(client, liveState({ seq: 5, currentPrice: 6_500_000, bidCount: 5 }));
  expect(applyLiveState(client, liveState({ seq: 4, currentPrice: 6_400_000, bidCount: 4 }))).toBe(false);
  expect(applyLiveState(client, liveState({ seq: 5, currentPrice: 6_400_000, bidCount: 4 }))).toBe(false);
  expect(client.getQueryData<AuctionLiveState>(auctionKeys.live('auction1'))?.currentPrice).toBe(6_500_000);
  expect(client.getQueryData<PublicAuction>(auctionKeys.detail('auction1'))?.currentPrice).toBe(6_500_000);
});

test('the close sets the result whatever its seq', () => {
  applyLiveState(client, liveState({ seq: 9, currentPrice: 6_500_000, bidCount: 5 }));
  applyClosed(client, { auctionId: 'auction1', status: 'sold', finalPrice: 6_500_000, leaderName: 'b***b', seq: 3 });
  expect(client.getQueryData<AuctionLiveState>(auctionKeys.live('auction1'))).toMatchObject({ status: 'sold', seq: 9 });
  expect(client.getQueryData<PublicAuction>(auctionKeys.detail('auction1'))?.saleStatus).toBe('sold');
});

test('an admin ending the auction now moves its end to that moment; withdrawing it turns it withdrawn with the reason', () => {
  applyLiveState(client, liveState({ seq: 3, endsAt: NOW + 3_600_000 }));
  applyAdminAction(client, { auctionId: 'auction1', action: 'ended', at: NOW, endsAt: NOW, reason: null });
  expect(client.getQueryData<AuctionLiveState>(auctionKeys.live('auction1'))).toMatchObject({ seq: 3, endsAt: NOW, status: 'live' });
  const detail = client.getQueryData<PublicAuction>(auctionKeys.detail('auction1'))!;
  expect(detail).toMatchObject({ endedEarlyAt: NOW, closesAt: NOW });
  expect(auctionView(detail, client.getQueryData(auctionKeys.live('auction1')) ?? null, NOW + 1)).toMatchObject({
    phase: 'closing',
    endedEarly: true,
  });

  applyAdminAction(client, { auctionId: 'other', action: 'withdrawn', at: NOW, endsAt: NOW + 3_600_000, reason: 'Title problem' });
  const other = client.getQueryData<PublicAuction[]>(auctionKeys.list('live'))![0]!;
  expect(other).toMatchObject({ saleStatus: 'withdrawn', withdrawnAt: NOW, withdrawReason: 'Title problem' });
  expect(auctionView(other, null, NOW)).toMatchObject({ phase: 'withdrawn', withdrawReason: 'Title problem', endingSoon: false });
  // The other auction's end did not move.
  expect(client.getQueryData<PublicAuction[]>(auctionKeys.list('live'))![1]).toMatchObject({ closesAt: NOW });
});
