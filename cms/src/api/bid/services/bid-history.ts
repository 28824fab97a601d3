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
  /** The rows of an auction that set its price (bids and automatic bids), newest first; never a maximum. */
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
      // auctionId outside the $or: FerretDB then narrows by it through the index first; inside
      // each branch it scanned the whole ledger (3 s at 36,000 rows).
      const filter = {
        auctionId,
        $or: [
          // Every row that set a price: a bid that led, or an automatic bid the engine made for a maximum.
          { price: { $gt: 0 } },
          // Rows written before maximums have no kind and no price: an accepted one set its amount.
          { outcome: 'accepted', kind: { $exists: false } },
        ],
      };
      const [rows, total] = await Promise.all([
        ledger
          // Never maxAmount: a maximum is secret to its owner.
          .find(filter, { projection: { bidId: 1, amount: 1, price: 1, kind: 1, bidderUsername: 1, placedAt: 1 } })
          // An automatic bid shares its cause's offset and comes before it (a lower seq).
          .sort({ offset: -1, seq: -1 })
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .toArray(),
        ledger.countDocuments(filter),
      ]);
      return {
        entries: rows.map((row) => ({
          bidId: row.bidId as string,
          amount: (row.price ?? row.amount) as number,
          automatic: row.kind === 'proxy',
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
