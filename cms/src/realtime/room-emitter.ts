import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import type { Core } from '@strapi/strapi';
import type { ServerToClientEvents } from '@car-auction/contracts';

/**
 * Emits to the gateway's Socket.IO rooms from the cms, through the Redis
 * adapter's channels (the gateway's @socket.io/redis-adapter relays each
 * message to the sockets in those rooms). A live push is best effort: a
 * watcher who misses it reads the same from the REST API on its next fetch,
 * so a failed publish is logged, never thrown.
 */
export function roomEmitter(strapi: Core.Strapi, redis: Redis): Emitter<ServerToClientEvents> {
  // The emitter does not wait for its publishes: this client catches their failures itself.
  const client = {
    publish: (channel: string, message: Buffer | string) =>
      redis.publish(channel, message).catch((err: Error) => strapi.log.warn(`live push not published: ${err.message}`)),
  };
  return new Emitter<ServerToClientEvents>(client);
}
