/** The MongoDB collection of the bid ledger (written by the worker, read by the cms). */
export const BID_LEDGER_COLLECTION = 'bid_ledger';

/** One accepted bid as the public bid history shows it. */
export interface BidHistoryEntry {
  bidId: string;
  amount: number;
  /** Masked ("j***n"). */
  bidderName: string;
  placedAt: number;
}

export const BID_HISTORY_MAX_PAGE_SIZE = 100;
