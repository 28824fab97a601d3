import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import {
  ADMIN_LIVE_ROOM,
  AUCTION_ID_PATTERN,
  auctionRoom,
  userRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@car-auction/contracts';
import type { AuctionSnapshot } from '../auction-state/read-state';
import type { Logger } from '../log';
import type { Metrics } from '../ops/metrics';

export interface SocketData {
  userId: number | null;
  /** A logged-in admin panel user (handshake `auth.adminToken`): joins the admin room. */
  admin: boolean;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeDeps {
  /** Publisher and subscriber connections for the Redis adapter (duplicates of the main client). */
  pubClient: Redis;
  subClient: Redis;
  /** The auction's public state and its leader's user id, or null if the auction is unknown. */
  readState(auctionId: string): Promise<AuctionSnapshot | null>;
  /** Resolves the users-permissions user behind an access token, or null if it is not valid now. */
  authenticate(token: string): Promise<{ id: number } | null>;
  /** Resolves the admin panel user behind an admin access token, or null if it is not valid now. */
  authenticateAdmin(token: string): Promise<{ id: number } | null>;
  corsOrigins: string[];
  log: Logger;
  metrics: Metrics;
}

/**
 * The Socket.IO gateway. Anyone may watch an auction room; a socket that
 * presents a users-permissions access token (handshake `auth.token`) also joins
 * its own user room, for bid outcomes and outbid notices. A bad or expired token
 * is refused at the handshake, not silently downgraded. A socket with an admin
 * panel token (`auth.adminToken`, checked with the cms) joins the admin room,
 * the panel's live feed. The Redis adapter lets
 * many gateways share broadcasts.
 */
export function createRealtime(httpServer: HttpServer, deps: RealtimeDeps): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    cors: { origin: deps.corsOrigins },
    adapter: createAdapter(deps.pubClient, deps.subClient),
    // Small, well-formed events only: a client cannot push large frames.
    maxHttpBufferSize: 16 * 1024,
    connectionStateRecovery: undefined,
  });

  io.use(async (socket, next) => {
    const { token, adminToken } = (socket.handshake.auth ?? {}) as { token?: unknown; adminToken?: unknown };
    socket.data.userId = null;
    socket.data.admin = false;
    const given = (value: unknown) => value !== undefined && value !== null && value !== '';
    if (!given(token) && !given(adminToken)) return next();
    for (const value of [token, adminToken]) {
      if (given(value) && (typeof value !== 'string' || value.length > 4096)) return next(new Error('unauthorized: malformed token'));
    }
    try {
      if (given(token)) {
        const user = await deps.authenticate(token as string);
        if (!user) return next(new Error('unauthorized: invalid or expired token'));
        socket.data.userId = user.id;
      }
      if (given(adminToken)) {
        const admin = await deps.authenticateAdmin(adminToken as string);
        if (!admin) return next(new Error('unauthorized: invalid or expired admin token'));
        socket.data.admin = true;
      }
      next();
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, 'token check failed');
      next(new Error('unavailable: cannot check the token now, try again'));
    }
  });

  io.on('connection', (socket: Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>) => {
    deps.metrics.connectedSockets.inc();
    if (socket.data.userId !== null) void socket.join(userRoom(socket.data.userId));
    if (socket.data.admin) void socket.join(ADMIN_LIVE_ROOM);

    socket.on('auction:join', async (auctionId, ack) => {
      if (typeof ack !== 'function') return;
      if (typeof auctionId !== 'string' || !AUCTION_ID_PATTERN.test(auctionId)) return ack({ error: 'invalid auction id' });
      try {
        // Join first, then read: an update between the two is not missed (clients drop older seqs).
        await socket.join(auctionRoom(auctionId));
        const snapshot = await deps.readState(auctionId);
        if (!snapshot) {
          await socket.leave(auctionRoom(auctionId));
          return ack({ error: 'unknown auction' });
        }
        // Only the socket's own user learns whether they lead: the leader's id stays private.
        const userId = socket.data.userId;
        const viewerIsLeader = userId === null ? null : snapshot.leaderId === userId;
        ack({ data: { state: snapshot.live, viewerIsLeader, viewerMaximum: viewerIsLeader ? snapshot.leaderMax : null } });
      } catch (err) {
        deps.log.warn({ auctionId, err: (err as Error).message }, 'auction join failed');
        ack({ error: 'temporarily unavailable, try again' });
      }
    });

    socket.on('auction:leave', async (auctionId, ack) => {
      if (typeof auctionId === 'string' && AUCTION_ID_PATTERN.test(auctionId)) await socket.leave(auctionRoom(auctionId));
      if (typeof ack === 'function') ack({ data: true });
    });

    socket.on('disconnect', () => deps.metrics.connectedSockets.dec());
  });

  return io;
}
