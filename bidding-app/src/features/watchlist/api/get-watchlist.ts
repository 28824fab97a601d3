import { skipToken, useQuery } from '@tanstack/react-query';
import type { WatchView } from '@car-auction/contracts';
import { apiRequest } from '../../../lib/api-client';
import { watchlistAnswerSchema } from '@car-auction/contracts';
import { watchKeys } from './watch-keys';

/** The auctions the user watches, the latest watched first. */
export async function getWatchlist(signal?: AbortSignal): Promise<WatchView[]> {
  const body = await apiRequest('/api/watchlist', { service: 'notifier', auth: 'user', schema: watchlistAnswerSchema, signal });
  return body.data;
}

/** Logged out there is no list to ask for. */
export const useWatchlist = (userId: number | null, enabled = true) =>
  useQuery({
    queryKey: watchKeys.list(userId),
    queryFn: userId !== null && enabled ? ({ signal }) => getWatchlist(signal) : skipToken,
  });
