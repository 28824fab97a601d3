import type { AuctionAdminActionEvent, AuctionClosedEvent, AuctionJoined, AuctionLiveState } from '@car-auction/contracts';
import { getSocket, type RealtimeSocket } from './realtime-socket';

export interface AuctionWatcher {
  /**
   * A state from the gateway: on join, with where the viewer stands (whether
   * they lead, and their own maximum if they do), and on every change.
   */
  onState(state: AuctionLiveState, viewer?: Omit<AuctionJoined, 'state'>): void;
  onClosed?(event: AuctionClosedEvent): void;
  /** An admin ended the auction now, or withdrew it. */
  onAdminAction?(event: AuctionAdminActionEvent): void;
  /** The join was refused or timed out; the message is safe to show. */
  onError?(message: string): void;
  /** The connection came back after a loss: anything fetched over REST may be stale. */
  onResync?(): void;
}

const JOIN_TIMEOUT_MS = 5_000;
const watchers = new Map<string, Set<AuctionWatcher>>();
let wired: RealtimeSocket | null = null;

function join(socket: RealtimeSocket, auctionId: string) {
  socket.timeout(JOIN_TIMEOUT_MS).emit('auction:join', auctionId, (err, result) => {
    const current = watchers.get(auctionId);
    if (!current) return;
    if (err) return current.forEach((w) => w.onError?.('Live updates are not answering; retrying.'));
    if ('error' in result) return current.forEach((w) => w.onError?.(result.error));
    const { state, ...viewer } = result.data;
    current.forEach((w) => w.onState(state, viewer));
  });
}

function wire(socket: RealtimeSocket) {
  if (wired === socket) return;
  wired = socket;
  let hadConnection = false;
  socket.on('connect', () => {
    // Rooms do not survive a reconnect: join every watched auction again; the
    // join's answer is the full current state, which resyncs the page.
    for (const auctionId of watchers.keys()) join(socket, auctionId);
    if (hadConnection) for (const set of watchers.values()) set.forEach((w) => w.onResync?.());
    hadConnection = true;
  });
  socket.on('auction:state', (state) => watchers.get(state.auctionId)?.forEach((w) => w.onState(state)));
  socket.on('auction:closed', (event) => watchers.get(event.auctionId)?.forEach((w) => w.onClosed?.(event)));
  socket.on('auction:admin-action', (event) => watchers.get(event.auctionId)?.forEach((w) => w.onAdminAction?.(event)));
}

/**
 * Watches an auction's room; many components may watch the same auction and
 * the room is joined once and left when the last one stops.
 */
export function watchAuction(auctionId: string, watcher: AuctionWatcher): () => void {
  const socket = getSocket();
  wire(socket);
  let set = watchers.get(auctionId);
  if (!set) {
    set = new Set();
    watchers.set(auctionId, set);
  }
  set.add(watcher);
  // The first watcher joins the room; a later one needs the current state too, so it asks again.
  if (socket.connected) join(socket, auctionId);
  return () => {
    const current = watchers.get(auctionId);
    current?.delete(watcher);
    if (current && current.size === 0) {
      watchers.delete(auctionId);
      if (socket.connected) socket.emit('auction:leave', auctionId);
    }
  };
}
