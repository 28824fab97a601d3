import { useQuery } from '@tanstack/react-query';
import { bidHistoryPageSchema, type BidHistoryEntry } from '@car-auction/contracts';
import { apiRequest } from '../../../lib/api-client';
import { auctionKeys } from './auction-keys';

export const HISTORY_PAGE_SIZE = 20;

/** The latest accepted bids, newest first, with masked names (from the worker's ledger). */
export async function getBidHistory(auctionId: string, signal?: AbortSignal): Promise<{ entries: BidHistoryEntry[]; total: number }> {
  const body = await apiRequest(`/api/auctions/${encodeURIComponent(auctionId)}/bids?pageSize=${HISTORY_PAGE_SIZE}`, {
    schema: bidHistoryPageSchema,
    signal,
  });
  return { entries: body.data, total: body.meta.pagination.total };
}

export const useBidHistory = (auctionId: string) =>
  useQuery({ queryKey: auctionKeys.history(auctionId), queryFn: ({ signal }) => getBidHistory(auctionId, signal) });
