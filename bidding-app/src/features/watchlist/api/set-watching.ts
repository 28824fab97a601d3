import type { AuctionWatchers } from '@car-auction/contracts';
import { apiRequest } from '../../../lib/api-client';
import { auctionWatchersAnswerSchema } from '@car-auction/contracts';

/** Watches or stops watching an auction (both safe to repeat); answers with the count and the user's standing after. */
export async function setWatching(auctionId: string, watching: boolean): Promise<AuctionWatchers> {
  const body = await apiRequest(`/api/watchlist/${encodeURIComponent(auctionId)}`, {
    method: watching ? 'PUT' : 'DELETE',
    service: 'notifier',
    auth: 'user',
    schema: auctionWatchersAnswerSchema,
  });
  return body.data;
}
