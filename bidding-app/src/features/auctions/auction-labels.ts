import type { PublicAuction, PublicCar } from '@car-auction/contracts';

/** The words the card and the auction page both show, written once so the two read alike. */

/** "1991 Honda NSX"; the auction's own title when no car is attached. */
export const auctionName = ({ car, title }: Pick<PublicAuction, 'car' | 'title'>): string =>
  car ? `${car.year} ${car.make} ${car.model}` : title;

/**
 * The auction's title under its name ("original paint, one owner"), or null
 * where it would only repeat the name: an auction without a car is named by
 * its title, and editors often title an auction by its car.
 */
export const auctionSubtitle = (auction: Pick<PublicAuction, 'car' | 'title'>): string | null => {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  return same(auction.title, auctionName(auction)) ? null : auction.title;
};

/** "1 bid", "3 bids". */
export const bidCountText = (count: number): string => `${count} ${count === 1 ? 'bid' : 'bids'}`;

/** "48,900 mi". */
export const mileageText = ({ mileage, mileageUnit }: Pick<PublicCar, 'mileage' | 'mileageUnit'>): string =>
  `${mileage.toLocaleString('en-US')} ${mileageUnit}`;
