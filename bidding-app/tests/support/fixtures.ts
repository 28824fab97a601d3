import type { AuctionLiveState, MyBidView, NotificationsPage, NotificationView, PublicAuction } from '@car-auction/contracts';

export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

export function publicAuction(overrides: Partial<PublicAuction> = {}): PublicAuction {
  return {
    documentId: 'auction1',
    title: '1991 Honda NSX, original paint',
    startsAt: NOW - 3_600_000,
    endsAt: NOW + 3_600_000,
    closesAt: null,
    currency: 'USD',
    startingPrice: 6_000_000,
    minIncrement: 100_000,
    currentPrice: null,
    leaderName: null,
    bidCount: 0,
    saleStatus: 'live',
    softCloseSeconds: 120,
    endedEarlyAt: null,
    withdrawnAt: null,
    withdrawReason: null,
    reserveStatus: 'none',
    minimumNextBid: 6_000_000,
    increment: 100_000,
    car: {
      documentId: 'car1',
      make: 'Honda',
      model: 'NSX',
      year: 1991,
      mileage: 48_900,
      mileageUnit: 'mi',
      vin: 'JH4NA1150MT000001',
      bodyStyle: 'coupe',
      colour: 'Grand Prix White',
      transmission: 'manual',
      description: 'Original paint.',
      photos: [
        { id: 1, url: '/uploads/nsx.jpg', alternativeText: 'NSX from the front', formats: { small: { url: '/uploads/small_nsx.jpg' } } },
      ],
    },
    ...overrides,
  };
}

export function liveState(overrides: Partial<AuctionLiveState> = {}): AuctionLiveState {
  return {
    auctionId: 'auction1',
    seq: 1,
    currentPrice: null,
    leaderName: null,
    bidCount: 0,
    startsAt: NOW - 3_600_000,
    endsAt: NOW + 3_600_000,
    status: 'live',
    hasReserve: false,
    reserveMet: false,
    minimumNextBid: 6_000_000,
    increment: 100_000,
    ...overrides,
  };
}

export function notificationView(overrides: Partial<NotificationView> = {}): NotificationView {
  return {
    id: 'n1',
    kind: 'ending_soon',
    auctionId: 'auction1',
    auctionTitle: '1991 Honda NSX, original paint',
    text: '1991 Honda NSX, original paint ends in 10 minutes.',
    at: new Date(NOW - 5 * 60_000).toISOString(),
    read: false,
    ...overrides,
  };
}

export function notificationsPage(data: NotificationView[], overrides: Partial<NotificationsPage> = {}): NotificationsPage {
  return { data, unread: data.filter((n) => !n.read).length, next: null, ...overrides };
}

export function myBidView(overrides: Partial<MyBidView> = {}): MyBidView {
  return {
    auctionId: 'auction1',
    auctionTitle: '1991 Honda NSX, original paint',
    status: 'leading',
    price: 6_500_000,
    updatedAt: new Date(NOW - 3_600_000).toISOString(),
    ...overrides,
  };
}

/** An auction as the cms sends it (dates as ISO strings), for tests that stub the auctions API. */
export function wireAuction(overrides: Partial<PublicAuction> = {}): Record<string, unknown> {
  const auction = publicAuction(overrides);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    ...auction,
    startsAt: iso(auction.startsAt),
    endsAt: iso(auction.endsAt),
    closesAt: iso(auction.closesAt),
    endedEarlyAt: iso(auction.endedEarlyAt),
    withdrawnAt: iso(auction.withdrawnAt),
  };
}
