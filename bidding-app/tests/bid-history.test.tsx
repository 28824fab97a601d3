import { screen } from '@testing-library/react';
import { BidHistory } from '../src/features/auctions/components/bid-history';
import { stubFetch } from './support/fetch-stub';
import { NOW } from './support/fixtures';
import { renderWithApp } from './support/render';

test("shows the cms's page of bids, newest first, and says when there are more", async () => {
  const calls = stubFetch(() => ({
    status: 200,
    body: {
      data: [
        { bidId: 'b2', amount: 6_600_000, automatic: false, bidderName: 'b***b', placedAt: NOW },
        { bidId: 'b1', amount: 6_500_000, automatic: false, bidderName: 'a***e', placedAt: NOW - 60_000 },
      ],
      meta: { pagination: { page: 1, pageSize: 20, total: 5, pageCount: 1 } },
    },
  }));
  renderWithApp(<BidHistory auctionId="auction1" currency="USD" />);
  const items = await screen.findAllByRole('listitem');
  expect(items[0]).toHaveTextContent('$66,000.00');
  expect(items[0]).toHaveTextContent('b***b');
  expect(items[1]).toHaveTextContent('$65,000.00');
  expect(screen.getByText('Showing the latest 2 of 5 bids.')).toBeInTheDocument();
  expect(calls[0]!.url).toMatch(/\/api\/auctions\/auction1\/bids\?pageSize=20$/);
  expect(screen.queryByText('automatic bid')).not.toBeInTheDocument();
});

test('marks the bids the engine made for a maximum as automatic', async () => {
  stubFetch(() => ({
    status: 200,
    body: {
      data: [
        { bidId: 'b2:auto', amount: 6_700_000, automatic: true, bidderName: 'a***e', placedAt: NOW },
        { bidId: 'b2', amount: 6_600_000, automatic: false, bidderName: 'b***b', placedAt: NOW },
      ],
      meta: { pagination: { page: 1, pageSize: 20, total: 2, pageCount: 1 } },
    },
  }));
  renderWithApp(<BidHistory auctionId="auction1" currency="USD" />);
  const items = await screen.findAllByRole('listitem');
  expect(items[0]).toHaveTextContent('automatic bid');
  expect(items[0]).toHaveTextContent('$67,000.00');
  expect(items[1]).not.toHaveTextContent('automatic bid');
});

test('a page that breaks the contract is refused, not shown', async () => {
  stubFetch(() => ({
    status: 200,
    body: { data: [{ bidId: 'b1', amount: '6500000', automatic: false, bidderName: 'a***e', placedAt: NOW }], meta: {} },
  }));
  renderWithApp(<BidHistory auctionId="auction1" currency="USD" />);
  expect(await screen.findByText(/does not understand/)).toBeInTheDocument();
  expect(screen.queryByRole('listitem')).not.toBeInTheDocument();
});
