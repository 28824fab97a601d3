import { useQuery } from '@tanstack/react-query';
import { publicAuctionOneSchema, type PublicAuction } from '@car-auction/contracts';
import { ApiError, apiRequest } from '../../../lib/api-client';
import { auctionKeys } from './auction-keys';

export async function getAuction(auctionId: string, signal?: AbortSignal): Promise<PublicAuction> {
  const body = await apiRequest(`/api/auctions/${encodeURIComponent(auctionId)}?populate[car][populate]=photos`, {
    schema: publicAuctionOneSchema,
    signal,
  });
  return body.data;
}

export const useAuction = (auctionId: string) =>
  useQuery({
    queryKey: auctionKeys.detail(auctionId),
    queryFn: ({ signal }) => getAuction(auctionId, signal),
    // A 404 will not become a 200 by asking again.
    retry: (count, err) => !(err instanceof ApiError && err.status === 404) && count < 2,
  });
