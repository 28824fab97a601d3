import { auctionName, auctionSubtitle, bidCountText, mileageText } from '../src/features/auctions/auction-labels';
import { publicAuction } from './support/fixtures';

test('an auction is named by its car, or by its title without one', () => {
  expect(auctionName(publicAuction())).toBe('1991 Honda NSX');
  expect(auctionName(publicAuction({ car: null }))).toBe('1991 Honda NSX, original paint');
});

test('the title is shown under the name only where it says something the name does not', () => {
  expect(auctionSubtitle(publicAuction())).toBe('1991 Honda NSX, original paint');
  expect(auctionSubtitle(publicAuction({ car: null }))).toBeNull();
  expect(auctionSubtitle(publicAuction({ title: '1991 honda NSX ' }))).toBeNull();
});

test('bid counts and mileage read as people write them', () => {
  expect(bidCountText(0)).toBe('0 bids');
  expect(bidCountText(1)).toBe('1 bid');
  expect(bidCountText(12)).toBe('12 bids');
  expect(mileageText({ mileage: 48_900, mileageUnit: 'mi' })).toBe('48,900 mi');
});
