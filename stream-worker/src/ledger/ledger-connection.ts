import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../log';
import type { DependencyHealth } from '../ops/dependency-health';
import { errorMessage, retryUntilDone } from '@car-auction/service-support';

export interface LedgerConnectionOptions {
  url: string;
  log: Logger;
  health: Pick<DependencyHealth, 'up' | 'down'>;
  /** Aborted when the process stops while the ledger is still unreachable. */
  signal: AbortSignal;
}

/**
 * The ledger's connection. The driver gives up on a first connection that
 * fails, so that one is retried here until the server answers; once connected,
 * the driver reconnects by itself after any outage, and its events say on
 * /healthz whether the server is reachable. (Whether it can write is another
 * matter: FerretDB keeps answering while its PostgreSQL is down, so failed
 * ledger writes report the ledger down too, see bid-consumer.ts.)
 */
export async function connectLedger({ url, log, health, signal }: LedgerConnectionOptions): Promise<Connection> {
  const connection = await retryUntilDone(
    async () => {
      const candidate = mongoose.createConnection(url, { serverSelectionTimeoutMS: 10_000 });
      try {
        return await candidate.asPromise();
      } catch (err) {
        await candidate.close(true).catch(() => undefined);
        throw err;
      }
    },
    { what: 'connect to the ledger', log, signal, onFailure: (err) => health.down('mongo', errorMessage(err)) },
  );
  health.up('mongo');
  connection.on('disconnected', () => {
    log.warn('ledger connection lost; the driver reconnects');
    health.down('mongo', 'disconnected from the ledger server');
  });
  connection.on('reconnected', () => health.up('mongo'));
  connection.on('connected', () => health.up('mongo'));
  // Errors after the first connection are reported through the operations that fail.
  connection.on('error', (err: Error) => log.warn({ err: err.message }, 'ledger connection error'));
  return connection;
}
