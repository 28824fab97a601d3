import type { Connection } from 'mongoose';
import { BID_LEDGER_COLLECTION } from '@car-auction/contracts';
import type { NotifierModels } from '../store/models';

export interface AuctionAudience {
  /** Everyone who bid on the auction, from the worker's ledger (the authority on bids; read only). */
  bidders(auctionId: string): Promise<number[]>;
  watchers(auctionId: string): Promise<number[]>;
}

export function auctionAudience(connection: Connection, models: Pick<NotifierModels, 'watches'>): AuctionAudience {
  return {
    async bidders(auctionId) {
      const ids = await connection.collection(BID_LEDGER_COLLECTION).distinct('bidderId', { auctionId });
      return ids.filter((id): id is number => typeof id === 'number');
    },
    async watchers(auctionId) {
      const rows = await models.watches.find({ auctionId }, { userId: 1 }).lean().exec();
      return rows.map((w) => w.userId);
    },
  };
}
