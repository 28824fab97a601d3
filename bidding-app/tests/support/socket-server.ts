import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@car-auction/contracts';

export type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents>;
export type ServerSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface TestGateway {
  io: GatewayServer;
  /** Every socket that connected, in order. */
  connected: ServerSocket[];
  close(): Promise<void>;
}

/**
 * A real Socket.IO server on an ephemeral loopback port standing in for the
 * gateway, with the app pointed at it (VITE_REALTIME_URL). `configure` adds
 * middlewares and handlers before it listens.
 */
export async function startTestGateway(
  configure: (io: GatewayServer, connected: ServerSocket[]) => void = () => undefined,
): Promise<TestGateway> {
  const http: HttpServer = createServer();
  const io: GatewayServer = new Server(http, { cors: { origin: '*' } });
  const connected: ServerSocket[] = [];
  configure(io, connected);
  if (io.listeners('connection').length === 0) io.on('connection', (socket) => void connected.push(socket));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  process.env.VITE_REALTIME_URL = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    io,
    connected,
    async close() {
      io.close();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}
