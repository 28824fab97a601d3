import { Redis } from 'ioredis';
import type { Logger } from '../log';
import type { DependencyReading } from '../ops/dependency-health';
import { loadAuctionLibrary } from '@car-auction/service-support';

export interface RedisConnections {
  /** The connection the stream step, the closer and the reads go through (the auction library loaded on it). */
  main: Redis;
  /**
   * An extra connection for publishing and subscribing (the Socket.IO adapter's
   * publisher and subscriber, or the emitter's), closed with the rest.
   */
  duplicate(): Redis;
  /** Up when the main connection is ready; read by /healthz. */
  reading(): DependencyReading;
  /** Closes the extra connections, then the main one. */
  disconnect(): void;
}

/**
 * ioredis reconnects by itself, forever; this only caps the wait between two
 * attempts at a second (its default grows to two), so a Redis that comes back
 * is used again within about a second.
 */
const retryStrategy = (attempts: number) => Math.min(attempts * 100, 1_000);

/**
 * The Socket.IO adapter and the emitter publish without handling the
 * promise's rejection, and a command that fails while Redis is away rejects:
 * one broadcast during an outage would be an unhandled rejection, which ends
 * the process. Publishes are fire-and-forget anyway (a lost broadcast costs a
 * push; the next event or a join brings the client up to date), so a failed
 * one is logged here.
 */
function loggingFailedPublishes(client: Redis, log: Logger): Redis {
  const publish = client.publish.bind(client) as (...args: unknown[]) => Promise<number>;
  let failed = 0;
  client.publish = ((...args: unknown[]) => {
    const sent = publish(...args);
    sent.catch((err: Error) => {
      // Once, then every thousandth: a gateway under load publishes thousands a second.
      if (failed++ % 1_000 === 0) log.warn({ err: err.message, failed }, 'redis publish failed (broadcast lost)');
    });
    return sent;
  }) as Redis['publish'];
  return client;
}

export function connectRedis(url: string, log: Logger): RedisConnections {
  const main = new Redis(url, { maxRetriesPerRequest: 3, retryStrategy });
  let lastError: string | null = null;
  main.on('error', (err) => {
    lastError = err.message;
    log.warn({ err: err.message }, 'redis error');
  });
  main.on('ready', () => {
    lastError = null;
    // Each (re)connection loads the auction library: a Redis restarted without its data has none.
    // A call that still finds it missing loads it itself (service-support's auction-library.ts).
    loadAuctionLibrary(main).catch((err: Error) => log.warn({ err: err.message }, 'auction library not loaded into Redis'));
  });
  const extra: Redis[] = [];
  return {
    main,
    duplicate() {
      // Commands wait for the connection instead of failing after a few reconnect attempts: a
      // subscription made while Redis is down is then made once it is back, not lost.
      const client = loggingFailedPublishes(main.duplicate({ maxRetriesPerRequest: null }), log);
      client.on('error', () => undefined);
      extra.push(client);
      return client;
    },
    reading() {
      if (main.status === 'ready') return { up: true, reason: null };
      return { up: false, reason: lastError ? `${main.status}: ${lastError}` : main.status };
    },
    disconnect() {
      for (const client of extra) client.disconnect();
      main.disconnect();
    },
  };
}
