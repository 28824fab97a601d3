/**
 * The live hook and the user's events against a real Socket.IO server in this
 * process (socket.io-client's Node build, hence the export conditions).
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, screen, waitFor } from '@testing-library/react';
import type { AuctionJoined, AuctionLiveState } from '@car-auction/contracts';
import { auctionView } from '../src/features/auctions/auction-view';
import { MyStanding } from '../src/features/auctions/components/my-standing';
import { PriceLine } from '../src/features/auctions/components/price-line';
import { useAuctionLive } from '../src/features/auctions/hooks/use-auction-live';
import { useMyBidEvents } from '../src/features/auctions/hooks/use-my-bid-events';
import { closeSocket } from '../src/lib/realtime-socket';
import { sessionStore } from '../src/lib/session-store';
import { fakeJwt, stubFetch } from './support/fetch-stub';
import { liveState, NOW, publicAuction } from './support/fixtures';
import { renderWithApp } from './support/render';
import { startTestGateway, type GatewayServer, type ServerSocket, type TestGateway } from './support/socket-server';

let gateway: TestGateway;
let io: GatewayServer;
let roomState: AuctionLiveState;
let viewerIsLeader: boolean | null = null;
let viewerMaximum: number | null = null;
const handshakeTokens: string[] = [];
const connected: ServerSocket[] = [];
/** Tokens the fake gateway refuses, as the real one refuses an expired token. */
const refusedTokens = new Set<string>();

beforeAll(async () => {
  gateway = await startTestGateway((server) => {
    server.use((socket, next) => {
      const token = String(socket.handshake.auth?.token ?? '');
      handshakeTokens.push(token);
      if (refusedTokens.has(token)) return next(new Error('unauthorized: invalid or expired token'));
      next();
    });
    server.on('connection', (socket) => {
      connected.push(socket);
      socket.on('auction:join', (auctionId, ack) => {
        void socket.join(`auction:${auctionId}`);
        const answer: AuctionJoined = { state: roomState, viewerIsLeader, viewerMaximum };
        ack({ data: answer });
      });
    });
  });
  io = gateway.io;
});

afterAll(() => gateway.close());

beforeEach(() => {
  roomState = liveState({ seq: 1, currentPrice: 6_050_000, bidCount: 1, minimumNextBid: 6_150_000 });
  viewerIsLeader = null;
  viewerMaximum = null;
  handshakeTokens.length = 0;
  connected.length = 0;
  refusedTokens.clear();
});
afterEach(() => closeSocket());

function LivePrice() {
  const live = useAuctionLive('auction1');
  useMyBidEvents();
  const view = auctionView(publicAuction(), live.state, NOW);
  return (
    <>
      <PriceLine view={view} />
      <span data-testid="seq">{live.state?.seq ?? 'none'}</span>
      <MyStanding view={view} />
    </>
  );
}

const price = () => screen.getByTestId('current-price').textContent;
const emitToRoom = (state: AuctionLiveState) => io.to('auction:auction1').emit('auction:state', state);

test('joins the room, applies newer states and drops older ones', async () => {
  renderWithApp(<LivePrice />);
  await waitFor(() => expect(price()).toBe('$60,500.00'));
  act(() => void emitToRoom(liveState({ seq: 3, currentPrice: 6_300_000, bidCount: 3 })));
  await waitFor(() => expect(price()).toBe('$63,000.00'));
  // A late event (seq 2) arrives after seq 3: the price must not go back.
  act(() => void emitToRoom(liveState({ seq: 2, currentPrice: 6_200_000, bidCount: 2 })));
  act(() => void emitToRoom(liveState({ seq: 4, currentPrice: 6_400_000, bidCount: 4 })));
  await waitFor(() => expect(screen.getByTestId('seq')).toHaveTextContent('4'));
  expect(price()).toBe('$64,000.00');
});

test('after a lost connection it reconnects, rejoins and shows the state it missed', async () => {
  renderWithApp(<LivePrice />);
  await waitFor(() => expect(price()).toBe('$60,500.00'));
  // Bids happen while the connection is down; the rejoin answers with the state now.
  roomState = liveState({ seq: 12, currentPrice: 7_100_000, bidCount: 12 });
  connected[0]!.conn.close();
  await waitFor(() => expect(price()).toBe('$71,000.00'), { timeout: 8_000 });
  expect(connected.length).toBeGreaterThanOrEqual(2);
});

test('a logged-in user is told when outbid, once per event, and sees where they stand', async () => {
  sessionStore.signIn({
    jwt: fakeJwt(Date.now() + 600_000),
    refreshToken: 'r',
    user: { id: 7, username: 'alice', email: 'a@example.test' },
  });
  viewerIsLeader = true;
  renderWithApp(<LivePrice />);
  await waitFor(() => expect(screen.getByTestId('my-standing')).toHaveTextContent("You're the highest bidder."));
  expect(handshakeTokens).toEqual([sessionStore.get().session!.jwt]);
  const outbid = { auctionId: 'auction1', currentPrice: 6_100_000, minimumNextBid: 6_200_000, seq: 2 };
  act(() => {
    connected[0]!.emit('bid:notices', { outcomes: [], outbids: [outbid] });
    connected[0]!.emit('bid:notices', { outcomes: [], outbids: [outbid] }); // at-least-once delivery: a replay
  });
  const toast = await screen.findByRole('alert');
  expect(toast).toHaveTextContent("You've been outbid");
  expect(toast).toHaveTextContent('The price is now $61,000.00. Bid at least $62,000.00 to lead again.');
  expect(screen.getAllByTestId('toast')).toHaveLength(1);
  expect(screen.getByTestId('my-standing')).toHaveTextContent("You've been outbid.");
  act(
    () =>
      void connected[0]!.emit('bid:notices', {
        outcomes: [
          {
            bidId: 'b9',
            auctionId: 'auction1',
            amount: 6_200_000,
            outcome: 'accepted',
            reason: null,
            seq: 3,
            maxAmount: null,
            currentPrice: 6_200_000,
          },
        ],
        outbids: [],
      }),
  );
  await waitFor(() => expect(screen.getByTestId('my-standing')).toHaveTextContent("You're the highest bidder."));
});

test('a token refused at the handshake is renewed and the socket reconnects with the new one', async () => {
  const stale = fakeJwt(Date.now() + 600_000);
  const fresh = fakeJwt(Date.now() + 600_000);
  refusedTokens.add(stale);
  sessionStore.signIn({ jwt: stale, refreshToken: 'r1', user: { id: 7, username: 'alice', email: 'a@example.test' } });
  const calls = stubFetch(() => ({ status: 200, body: { jwt: fresh, refreshToken: 'r2' } }));
  renderWithApp(<LivePrice />);
  await waitFor(() => expect(price()).toBe('$60,500.00'), { timeout: 8_000 });
  expect(handshakeTokens).toEqual([stale, fresh]);
  expect(calls.map((c) => c.body)).toEqual([{ refreshToken: 'r1' }]);
});

const signInAs = (id: number, username: string) =>
  sessionStore.signIn({
    jwt: fakeJwt(Date.now() + 600_000, id),
    refreshToken: 'r',
    user: { id, username, email: `${username}@example.test` },
  });

test("the leader's own maximum comes from the join answer", async () => {
  signInAs(7, 'alice');
  viewerIsLeader = true;
  viewerMaximum = 8_000_000;
  renderWithApp(<LivePrice />);
  await waitFor(() => expect(screen.getByTestId('my-standing')).toHaveTextContent("You're winning, up to your maximum of $80,000.00."));
});

test('a bid answered at once by an earlier maximum is told as such, once, with the price the automatic bid set', async () => {
  signInAs(8, 'bob');
  viewerIsLeader = false;
  renderWithApp(<LivePrice />);
  await waitFor(() => expect(connected).toHaveLength(1));
  const rejected = {
    bidId: 'b10',
    auctionId: 'auction1',
    amount: 6_200_000,
    outcome: 'rejected' as const,
    reason: 'outbid_by_maximum' as const,
    seq: 2,
    maxAmount: null,
    currentPrice: 6_300_000,
  };
  act(() => void connected[0]!.emit('bid:notices', { outcomes: [rejected, rejected], outbids: [] }));
  const toast = await screen.findByRole('alert');
  expect(toast).toHaveTextContent('Outbid at once by an earlier maximum');
  expect(toast).toHaveTextContent(
    "Your bid of $62,000.00 was answered at once by another bidder's automatic bid. The price is now $63,000.00.",
  );
  expect(screen.getAllByTestId('toast')).toHaveLength(1);
  expect(screen.getByTestId('my-standing')).toHaveTextContent("You've been outbid.");
  expect(screen.getByTestId('my-standing')).toHaveTextContent('Outbid at once by an earlier maximum');
});
