import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MyBidsPage } from '../src/app/routes/my-bids-page';
import { stubFetch } from './support/fetch-stub';
import { myBidView } from './support/fixtures';
import { renderWithApp } from './support/render';
import { signIn } from './support/session';

const bids = [
  myBidView({ auctionId: 'nsx', auctionTitle: '1991 Honda NSX', status: 'leading', price: 6_500_000 }),
  myBidView({ auctionId: 'm3', auctionTitle: '1988 BMW M3', status: 'outbid', price: 4_210_050 }),
  myBidView({ auctionId: 'mustang', auctionTitle: '1967 Ford Mustang', status: 'won', price: 4_000_000 }),
  myBidView({ auctionId: 'supra', auctionTitle: '1994 Toyota Supra', status: 'outbid', price: null }),
];

const rows = () => screen.queryAllByTestId('my-bid');
const titles = () => rows().map((row) => within(row).getByRole('link').textContent);
const tab = (name: string) => within(screen.getByRole('navigation', { name: 'Filter by status' })).getByRole('link', { name });

beforeEach(() => signIn());

test('lists every auction bid on: title linking to it, status, price in dollars, when it changed', async () => {
  const calls = stubFetch(() => ({ status: 200, body: { data: bids } }));
  renderWithApp(<MyBidsPage />, { route: '/my-bids' });
  expect(screen.getByRole('heading', { name: 'My bids' })).toBeInTheDocument();
  await screen.findByText('1991 Honda NSX');
  expect(titles()).toEqual(['1991 Honda NSX', '1988 BMW M3', '1967 Ford Mustang', '1994 Toyota Supra']);
  const [nsx, m3, , supra] = rows();
  expect(within(nsx!).getByRole('link')).toHaveAttribute('href', '/auctions/nsx');
  expect(within(nsx!).getByText('Leading')).toHaveClass('badge');
  expect(within(nsx!).getByText('$65,000.00')).toBeInTheDocument();
  expect(within(m3!).getByText('Outbid')).toBeInTheDocument();
  expect(within(m3!).getByText('$42,100.50')).toBeInTheDocument();
  expect(within(supra!).getByText('No price yet')).toBeInTheDocument();
  expect(
    within(nsx!)
      .getByText(/^Updated/)
      .querySelector('time'),
  ).toHaveAttribute('datetime', bids[0]!.updatedAt);
  expect(tab('All')).toHaveAttribute('aria-current', 'page');
  expect(calls[0]).toMatchObject({ method: 'GET', url: 'http://localhost:4100/api/my-bids' });
});

test('the tabs filter by status, from one request', async () => {
  const calls = stubFetch(() => ({ status: 200, body: { data: bids } }));
  renderWithApp(<MyBidsPage />, { route: '/my-bids' });
  await screen.findByText('1991 Honda NSX');
  await userEvent.click(tab('Outbid'));
  expect(titles()).toEqual(['1988 BMW M3', '1994 Toyota Supra']);
  expect(tab('Outbid')).toHaveAttribute('aria-current', 'page');
  await userEvent.click(tab('Won'));
  expect(titles()).toEqual(['1967 Ford Mustang']);
  await userEvent.click(tab('Leading'));
  expect(titles()).toEqual(['1991 Honda NSX']);
  await userEvent.click(tab('Lost'));
  expect(rows()).toHaveLength(0);
  expect(screen.getByText('No auction you bid on has ended without you winning.')).toBeInTheDocument();
  await userEvent.click(tab('All'));
  expect(rows()).toHaveLength(4);
  expect(calls).toHaveLength(1);
});

test('the tab comes from the URL, so it can be linked to', async () => {
  stubFetch(() => ({ status: 200, body: { data: bids } }));
  renderWithApp(<MyBidsPage />, { route: '/my-bids?status=won' });
  await screen.findByText('1967 Ford Mustang');
  expect(titles()).toEqual(['1967 Ford Mustang']);
  expect(tab('Won')).toHaveAttribute('aria-current', 'page');
});

test('no bids at all: it says so and points to the live auctions', async () => {
  stubFetch(() => ({ status: 200, body: { data: [] } }));
  renderWithApp(<MyBidsPage />, { route: '/my-bids' });
  expect(await screen.findByText(/You have not bid on any auction yet\./)).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'See the live auctions' })).toHaveAttribute('href', '/auctions');
  await userEvent.click(tab('Leading'));
  expect(screen.getByText('You are not leading any auction right now.')).toBeInTheDocument();
});
