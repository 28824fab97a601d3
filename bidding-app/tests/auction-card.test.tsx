import { screen, within } from '@testing-library/react';
import { AuctionCard } from '../src/features/auctions/components/auction-card';
import { ENDING_SOON_MS } from '../src/features/auctions/auction-view';
import { NOW, publicAuction } from './support/fixtures';
import { renderWithApp } from './support/render';

const badges = () =>
  within(screen.getByRole('list', { name: 'Auction status' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);

test('a live card: photo, car, price, bids, mileage, countdown and badges', () => {
  renderWithApp(
    <AuctionCard auction={publicAuction({ currentPrice: 6_500_000, bidCount: 3, reserveStatus: 'not_met' })} now={NOW} watchLive={false} />,
  );
  expect(screen.getByRole('heading', { name: '1991 Honda NSX' })).toBeInTheDocument();
  expect(screen.getByRole('img', { name: 'NSX from the front' })).toHaveAttribute('src', 'http://localhost:1337/uploads/small_nsx.jpg');
  expect(screen.getByText('Current bid')).toBeInTheDocument();
  expect(screen.getByTestId('current-price')).toHaveTextContent('$65,000.00');
  expect(screen.getByText('3 bids')).toBeInTheDocument();
  expect(screen.getByText('48,900 mi')).toBeInTheDocument();
  expect(screen.getByLabelText('Ends in 1 hour')).toHaveTextContent('Ends in 1h 00m');
  expect(badges()).toEqual(['Live', 'Reserve not met']);
  expect(screen.getByRole('link')).toHaveAttribute('href', '/auctions/auction1');
});

test('no bids yet shows the starting bid; no reserve and ending soon are badges', () => {
  renderWithApp(<AuctionCard auction={publicAuction({ endsAt: NOW + ENDING_SOON_MS - 1 })} now={NOW} watchLive={false} />);
  expect(screen.getByText('Starting bid')).toBeInTheDocument();
  expect(screen.getByTestId('current-price')).toHaveTextContent('$60,000.00');
  expect(badges()).toEqual(['Live', 'Ending soon', 'No reserve']);
});

test('ended cards show the sold price or "unsold"', () => {
  const ended = { startsAt: NOW - 7_200_000, endsAt: NOW - 60_000 };
  const { unmount } = renderWithApp(
    <AuctionCard
      auction={publicAuction({ ...ended, saleStatus: 'sold', currentPrice: 7_000_000, bidCount: 9 })}
      now={NOW}
      watchLive={false}
    />,
  );
  expect(screen.getByText('Sold for')).toBeInTheDocument();
  expect(screen.getByTestId('current-price')).toHaveTextContent('$70,000.00');
  expect(badges()).toEqual(['Sold']);
  unmount();
  renderWithApp(
    <AuctionCard
      auction={publicAuction({ ...ended, saleStatus: 'unsold', currentPrice: 5_000_000, bidCount: 2 })}
      now={NOW}
      watchLive={false}
    />,
  );
  expect(screen.getByText('Highest bid')).toBeInTheDocument();
  expect(badges()).toEqual(['Unsold']);
});

test('an upcoming card counts down to the start', () => {
  renderWithApp(
    <AuctionCard
      auction={publicAuction({ startsAt: NOW + 2 * 86_400_000 + 3_600_000, endsAt: NOW + 3 * 86_400_000 })}
      now={NOW}
      watchLive={false}
    />,
  );
  expect(screen.getByText(/Starts in/)).toHaveTextContent('Starts in 2d 1h');
  expect(badges()).toEqual(['Upcoming', 'No reserve']);
});
