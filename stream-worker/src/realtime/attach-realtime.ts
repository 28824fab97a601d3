import type { Server as HttpServer } from 'node:http';
import { Emitter } from '@socket.io/redis-emitter';
import { readSnapshot } from '../auction-state/read-state';
import type { Logger } from '../log';
import type { Metrics } from '../ops/metrics';
import type { RedisConnections } from '../redis/redis-connections';
import { authenticateAdminWithCms, authenticateWithCms } from '@car-auction/service-support';
import { createRealtime, type RealtimeServer } from './create-realtime';
import type { RoomEmitter } from './publisher';

export interface AttachRealtimeOptions {
  /** This process runs the gateway role: its own Socket.IO server on `httpServer`. */
  withGateway: boolean;
  redis: RedisConnections;
  cmsUrl: string;
  corsOrigins: string[];
  log: Logger;
  metrics: Metrics;
}

export interface AttachedRealtime {
  /** The Socket.IO server, or null in a consumer-only process. */
  io: RealtimeServer | null;
  /** Where decisions and closes are published. */
  emitter: RoomEmitter;
}

/**
 * How this process reaches watchers. With the gateway role it serves Socket.IO
 * itself (the Redis adapter shares its broadcasts with every other gateway);
 * consumer-only, it publishes through Redis to whichever gateways run elsewhere.
 */
export function attachRealtime(httpServer: HttpServer, options: AttachRealtimeOptions): AttachedRealtime {
  const { redis } = options;
  if (!options.withGateway) return { io: null, emitter: new Emitter(redis.duplicate()) as unknown as RoomEmitter };
  const io = createRealtime(httpServer, {
    pubClient: redis.duplicate(),
    subClient: redis.duplicate(),
    readState: (auctionId) => readSnapshot(redis.main, auctionId),
    authenticate: authenticateWithCms(options.cmsUrl),
    authenticateAdmin: authenticateAdminWithCms(options.cmsUrl),
    corsOrigins: options.corsOrigins,
    log: options.log,
    metrics: options.metrics,
  });
  return { io, emitter: io as unknown as RoomEmitter };
}
