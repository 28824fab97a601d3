import { useQuery } from '@tanstack/react-query';
import { myBidsAnswerSchema, type MyBidView } from '@car-auction/contracts';
import { apiRequest } from '../../../lib/api-client';
import { myBidsListKeys } from './my-bids-list-keys';

/** Every auction the user bid on and where they stand in it, the latest change first. */
export async function getMyBidsList(signal?: AbortSignal): Promise<MyBidView[]> {
  const body = await apiRequest('/api/my-bids', { service: 'notifier', auth: 'user', schema: myBidsAnswerSchema, signal });
  return body.data;
}

export const useMyBidsList = (userId: number) =>
  useQuery({ queryKey: myBidsListKeys.list(userId), queryFn: ({ signal }) => getMyBidsList(signal) });
