import type { AuctionLiveState, PublicAuction } from '@car-auction/contracts';

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
