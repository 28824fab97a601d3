import type { Core } from '@strapi/strapi';
import mongoose, { type Connection } from 'mongoose';
import { BID_LEDGER_COLLECTION, maskName, type BidHistoryEntry } from '@car-auction/contracts';

export interface BidHistoryPage {
  entries: BidHistoryEntry[];
  page: number;
  pageSize: number;
  total: number;
}

export interface BidHistoryService {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Accepted bids of an auction, newest (highest offset) first. */
  page(auctionId: string, page: number, pageSize: number): Promise<BidHistoryPage>;
}

/**
 * Reads the worker's ledger through mongoose; one connection per process, opened in bootstrap.
 * Once connected, the driver reconnects by itself after an outage. A first connection that
 * fails is not retried by the driver, so it is dropped and the next read opens a new one:
 * a ledger that was down when the cms started is used once it is up.
 */
export default ({ strapi }: { strapi: Core.Strapi }): BidHistoryService => {
  const { url } = strapi.config.get('mongo') as { url: string };
  let connection: Connection | null = null;

  const open = () => {
    if (!connection) {
      const opened = mongoose.createConnection(url, { serverSelectionTimeoutMS: 3_000 });
      connection = opened;
      opened.asPromise().catch((err: Error) => {
        strapi.log.warn(`bid history: ledger not reachable (${err.message}); will connect again on the next read`);
        if (connection === opened) connection = null;
        opened.close(true).catch(() => undefined);
      });
    }
    return connection;
  };

  return {
    async start() {
      await open()
        .asPromise()
        .then(() => strapi.log.info('bid history: connected to the ledger'))
        .catch(() => undefined);
    },
    async stop() {
      const c = connection;
      connection = null;
      await c?.close();
    },
    async page(auctionId, page, pageSize) {
      const ledger = open().collection(BID_LEDGER_COLLECTION);
      const filter = { auctionId, outcome: 'accepted' };
      const [rows, total] = await Promise.all([
        ledger
          .find(filter, { projection: { bidId: 1, amount: 1, bidderUsername: 1, placedAt: 1 } })
          .sort({ offset: -1 })
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .toArray(),
        ledger.countDocuments(filter),
      ]);
      return {
        entries: rows.map((row) => ({
          bidId: row.bidId as string,
          amount: row.amount as number,
          bidderName: maskName(String(row.bidderUsername)),
          placedAt: new Date(row.placedAt as Date).getTime(),
        })),
        page,
        pageSize,
        total,
      };
    },
  };
};
