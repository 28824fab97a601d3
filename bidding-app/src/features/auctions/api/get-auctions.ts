import { useQuery } from '@tanstack/react-query';
import { publicAuctionListSchema, type PublicAuction } from '@car-auction/contracts';
import { apiRequest } from '../../../lib/api-client';
import { serverNow } from '../../../lib/server-clock';
import type { AuctionListFilter } from '../auction-phase';
import { auctionKeys } from './auction-keys';

const WITH_PHOTOS = 'populate[car][populate]=photos';
const PAGE = 'pagination[pageSize]=48';

function pathFor(filter: AuctionListFilter): string {
  if (filter === 'live') return '/api/auctions/live';
  const now = encodeURIComponent(new Date(serverNow()).toISOString());
  if (filter === 'upcoming') {
    return `/api/auctions?filters[startsAt][$gt]=${now}&filters[withdrawnAt][$null]=true&sort=startsAt:asc&${WITH_PHOTOS}&${PAGE}`;
  }
  // Closed after soft close (closesAt; an auction never written to Redis has only its configured end), or withdrawn.
  const closed =
    `filters[$or][0][closesAt][$lte]=${now}&filters[$or][1][closesAt][$null]=true&filters[$or][1][endsAt][$lte]=${now}` +
    `&filters[$or][2][withdrawnAt][$notNull]=true`;
  return `/api/auctions?${closed}&sort=closesAt:desc&${WITH_PHOTOS}&${PAGE}`;
}

/** Live auctions (soonest-ending first), upcoming ones (soonest-starting first) or ended ones (latest first). */
export async function getAuctions(filter: AuctionListFilter, signal?: AbortSignal): Promise<PublicAuction[]> {
  const body = await apiRequest(pathFor(filter), { schema: publicAuctionListSchema, signal });
  return body.data;
}

export const useAuctions = (filter: AuctionListFilter) =>
  useQuery({ queryKey: auctionKeys.list(filter), queryFn: ({ signal }) => getAuctions(filter, signal) });
