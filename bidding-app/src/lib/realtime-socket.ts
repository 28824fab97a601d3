import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@car-auction/contracts';
import { env } from '../config/env';
import { currentAccessToken, refreshSession } from './session-refresh';
import { sessionStore } from './session-store';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type RealtimeStatus = 'connecting' | 'connected' | 'offline';

let socket: RealtimeSocket | null = null;
let stopFollowingSession: (() => void) | null = null;
let status: RealtimeStatus = 'connecting';
const statusListeners = new Set<() => void>();

function setStatus(next: RealtimeStatus) {
  if (status === next) return;
  status = next;
  for (const listener of statusListeners) listener();
}

/**
 * The app's one connection to the stream worker's gateway. Logged-in users send
 * their access token in the handshake (read afresh on every reconnect) and join
 * their own room for outcomes and outbid notices. The gateway refuses an
 * expired token at the handshake; Socket.IO does not retry that by itself, so
 * the session is renewed (or ended) and the socket reconnects.
 */
export function getSocket(): RealtimeSocket {
  if (socket) return socket;
  const created: RealtimeSocket = io(env.realtimeUrl, {
    transports: ['websocket'],
    reconnectionDelayMax: 5_000,
    auth: (cb) => {
      currentAccessToken()
        .catch(() => null)
        .then((token) => cb({ token: token ?? '' }));
    },
  });
  socket = created;

  created.on('connect', () => setStatus('connected'));
  created.on('disconnect', () => setStatus(created.active ? 'connecting' : 'offline'));
  created.io.on('reconnect_attempt', () => setStatus('connecting'));
  created.on('connect_error', (err) => {
    setStatus('offline');
    // Transport failures are retried by Socket.IO itself; a refusal by the gateway is not.
    if (created.active) return;
    const retry = () => setTimeout(() => created.connect(), 1_000);
    if (err.message.startsWith('unauthorized')) {
      refreshSession()
        .catch(() => sessionStore.get().session !== null)
        .then((renewed) => {
          if (!renewed && sessionStore.get().session) sessionStore.signOut('expired');
          retry();
        });
    } else retry();
  });

  // Logging in or out changes who the socket is: reconnect so the user room follows.
  let userId = sessionStore.get().session?.user.id ?? null;
  stopFollowingSession = sessionStore.subscribe(() => {
    const next = sessionStore.get().session?.user.id ?? null;
    if (next === userId) return;
    userId = next;
    created.disconnect().connect();
  });
  return created;
}

export const realtimeStatus = {
  get: () => status,
  subscribe(listener: () => void) {
    statusListeners.add(listener);
    return () => statusListeners.delete(listener);
  },
};

/** For tests: drops the connection so the next getSocket() makes a new one. */
export function closeSocket(): void {
  stopFollowingSession?.();
  stopFollowingSession = null;
  socket?.disconnect();
  socket?.removeAllListeners();
  socket = null;
  status = 'connecting';
}
