import { Redis } from 'ioredis';
import type { Logger } from '../log';
import { defineAuctionCommands } from './auction-commands';

export interface RedisConnections {
  /** The connection the stream step, the closer and the reads go through (Lua commands defined). */
  main: Redis;
  /** An extra connection, closed with the rest: the Socket.IO adapter's publisher and subscriber, or the emitter's. */
  duplicate(): Redis;
  /** Closes the extra connections, then the main one. */
  disconnect(): void;
}

export function connectRedis(url: string, log: Logger): RedisConnections {
  const main = defineAuctionCommands(new Redis(url, { maxRetriesPerRequest: 3 }));
  main.on('error', (err) => log.warn({ err: err.message }, 'redis error'));
  const extra: Redis[] = [];
  return {
    main,
    duplicate() {
      const client = main.duplicate();
      extra.push(client);
      return client;
    },
    disconnect() {
      for (const client of extra) client.disconnect();
      main.disconnect();
    },
  };
}
