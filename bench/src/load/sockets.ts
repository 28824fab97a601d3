import { io, type Socket } from 'socket.io-client';
import type { AuctionJoined, ClientToServerEvents, ServerToClientEvents } from '@car-auction/contracts';

export type WatchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** An anonymous watcher on the worker's gateway (websocket only: no long-polling phase). */
export async function connectWatcher(url: string, timeoutMs = 15_000): Promise<WatchSocket> {
  const socket: WatchSocket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('socket connect timed out'));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    });
  });
  return socket;
}

/** Joins an auction's room; the ack carries the state now. */
export async function joinAuction(socket: WatchSocket, auctionId: string, timeoutMs = 10_000): Promise<AuctionJoined> {
  const result = await socket.timeout(timeoutMs).emitWithAck('auction:join', auctionId);
  if ('error' in result) throw new Error(`auction:join ${auctionId}: ${result.error}`);
  return result.data;
}
