import type { PublicAuction, PublicCar } from '@car-auction/contracts';

/** The words the card and the auction page both show, written once so the two read alike. */

/** "1991 Honda NSX"; the auction's own title when no car is attached. */
export const auctionName = ({ car, title }: Pick<PublicAuction, 'car' | 'title'>): string =>
  car ? `${car.year} ${car.make} ${car.model}` : title;

/** "1 bid", "3 bids". */
export const bidCountText = (count: number): string => `${count} ${count === 1 ? 'bid' : 'bids'}`;

/** "48,900 mi". */
export const mileageText = ({ mileage, mileageUnit }: Pick<PublicCar, 'mileage' | 'mileageUnit'>): string =>
  `${mileage.toLocaleString('en-US')} ${mileageUnit}`;
