import { io as connect, type Socket } from 'socket.io-client';
import type { AuctionJoined, AuctionLiveState, ClientToServerEvents, ServerToClientEvents } from '@car-auction/contracts';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Sockets to a gateway, each tracked so the file can disconnect them all at the end. */
export function socketFactory(gatewayUrl: () => string) {
  const sockets: Client[] = [];
  const socket = (token?: string): Client => {
    const client: Client = connect(gatewayUrl(), { transports: ['websocket'], auth: token ? { token } : {}, reconnection: false });
    sockets.push(client);
    return client;
  };
  return { sockets, socket };
}

export const connected = (client: Client) =>
  new Promise<void>((resolve, reject) => {
    client.on('connect', () => resolve());
    client.on('connect_error', reject);
  });

/** Every payload of one event the socket receives from now on. */
export function record<E extends keyof ServerToClientEvents>(client: Client, event: E) {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  // The typed socket's `on` cannot take a listener for a generic event name; the untyped one can.
  (client as Socket).on(event as string, (payload: Parameters<ServerToClientEvents[E]>[0]) => seen.push(payload));
  return seen;
}

/** Everything the socket receives, whatever the event: to show what a socket was never sent. */
export function recordAll(client: Client) {
  const seen: { event: string; payload: unknown }[] = [];
  (client as Socket).onAny((event: string, payload: unknown) => seen.push({ event, payload }));
  return seen;
}

export const joinAs = (client: Client, auctionId: string) =>
  new Promise<AuctionJoined>((resolve, reject) =>
    client.emit('auction:join', auctionId, (res) => ('data' in res ? resolve(res.data) : reject(new Error(res.error)))),
  );

export const join = async (client: Client, auctionId: string): Promise<AuctionLiveState> => (await joinAs(client, auctionId)).state;
