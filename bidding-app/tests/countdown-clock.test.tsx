import { act, render, screen } from '@testing-library/react';
import { auctionView } from '../src/features/auctions/auction-view';
import { Countdown } from '../src/features/auctions/components/countdown';
import { noteServerTime, resetServerClock } from '../src/lib/server-clock';
import { useServerNow } from '../src/lib/use-server-now';
import { publicAuction } from './support/fixtures';

function LiveCountdown({ endsAt }: { endsAt: number }) {
  const now = useServerNow();
  return <Countdown view={auctionView(publicAuction({ endsAt, startsAt: endsAt - 86_400_000 }), null, now)} now={now} />;
}

beforeEach(() => {
  jest.useFakeTimers();
  resetServerClock();
});
afterEach(() => jest.useRealTimers());

test("counts down on the server's clock, not the browser's", () => {
  const browserNow = Date.UTC(2026, 10, 23, 12, 0, 0);
  jest.setSystemTime(browserNow);
  // The browser's clock is an hour behind the server's.
  const serverTime = browserNow + 3_600_000;
  noteServerTime(serverTime, browserNow, browserNow);
  render(<LiveCountdown endsAt={serverTime + 5 * 60_000} />);
  expect(screen.getByText(/Ends in/)).toHaveTextContent('Ends in 5:00');
  act(() => jest.advanceTimersByTime(61_000));
  expect(screen.getByText(/Ends in/)).toHaveTextContent('Ends in 3:59');
  act(() => jest.advanceTimersByTime(4 * 60_000));
  expect(screen.getByText(/Bidding closed/)).toBeInTheDocument();
});
