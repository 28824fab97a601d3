import { QueryClient } from '@tanstack/react-query';
import type { AuctionLiveState, PublicAuction } from '@car-auction/contracts';
import { auctionKeys } from '../src/features/auctions/api/auction-keys';
import { applyClosed, applyLiveState } from '../src/features/auctions/live-cache';
import { liveState, publicAuction } from './support/fixtures';

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
