import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import type { ServerToClientEvents } from '@car-auction/contracts';

/**
 * Emits to the gateways' Socket.IO rooms from a process without a gateway (the
 * cms, the notifier), through the Redis adapter's channels. A live push is
 * best effort: whoever misses one reads the same over HTTP on their next
 * fetch. The emitter does not wait for its publishes, so this client catches
 * their failures itself (an uncaught one would end the process while Redis is away).
 */
export function roomEmitter(redis: Redis, onFailure: (err: Error) => void): Emitter<ServerToClientEvents> {
  const client = {
    publish: (channel: string, message: Buffer | string) => redis.publish(channel, message).catch(onFailure),
  };
  return new Emitter<ServerToClientEvents>(client);
}
