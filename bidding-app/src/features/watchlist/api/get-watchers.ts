import { skipToken, useQuery } from '@tanstack/react-query';
import type { AuctionWatchers } from '@car-auction/contracts';
import { apiRequest } from '../../../lib/api-client';
import { auctionWatchersAnswerSchema } from '@car-auction/contracts';
import { watchKeys } from './watch-keys';

/** How many watch an auction; with the user's token, whether they do too (null without). */
export async function getWatchers(auctionId: string, signal?: AbortSignal): Promise<AuctionWatchers> {
  const body = await apiRequest(`/api/auctions/${encodeURIComponent(auctionId)}/watchers`, {
    service: 'notifier',
    auth: 'optional',
    schema: auctionWatchersAnswerSchema,
    signal,
  });
  return body.data;
}

export const useWatchers = (auctionId: string, userId: number | null, enabled = true) =>
  useQuery({
    queryKey: watchKeys.watchers(auctionId, userId),
    queryFn: enabled ? ({ signal }) => getWatchers(auctionId, signal) : skipToken,
  });
