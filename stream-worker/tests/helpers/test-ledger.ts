import mongoose from 'mongoose';
import { ensureLedgerCollection, ledgerModel, type LedgerModel } from '../../src/ledger/bid-ledger';

/**
 * A ledger in a database of its own on the real server (MONGO_URL's, renamed
 * `<prefix>-<time>`), created as the worker creates it; `drop` removes it.
 */
export async function openTestLedger(prefix: string): Promise<{ ledger: LedgerModel; drop(): Promise<void> }> {
  const url = (process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/car-auction').replace(
    /\/[^/]*$/,
    `/${prefix}-${Date.now().toString(36)}`,
  );
  const connection = await mongoose.createConnection(url, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  const ledger = ledgerModel(connection);
  await ensureLedgerCollection(ledger);
  return {
    ledger,
    async drop() {
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    },
  };
}
