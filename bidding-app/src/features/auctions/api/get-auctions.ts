import { useQuery } from '@tanstack/react-query';
import { publicAuctionListSchema, type PublicAuction } from '@car-auction/contracts';
import { apiRequest } from '../../../lib/api-client';
import { serverNow } from '../../../lib/server-clock';
import { auctionKeys, type AuctionPhase } from './auction-keys';

const WITH_PHOTOS = 'populate[car][populate]=photos';
const PAGE = 'pagination[pageSize]=48';

function pathFor(phase: AuctionPhase): string {
  if (phase === 'live') return '/api/auctions/live';
  const now = encodeURIComponent(new Date(serverNow()).toISOString());
  if (phase === 'upcoming') return `/api/auctions?filters[startsAt][$gt]=${now}&sort=startsAt:asc&${WITH_PHOTOS}&${PAGE}`;
  return `/api/auctions?filters[endsAt][$lte]=${now}&sort=endsAt:desc&${WITH_PHOTOS}&${PAGE}`;
}

/** Live auctions (soonest-ending first), upcoming ones (soonest-starting first) or ended ones (latest first). */
export async function getAuctions(phase: AuctionPhase, signal?: AbortSignal): Promise<PublicAuction[]> {
  const body = await apiRequest(pathFor(phase), { schema: publicAuctionListSchema, signal });
  return body.data;
}

export const useAuctions = (phase: AuctionPhase) =>
  useQuery({ queryKey: auctionKeys.list(phase), queryFn: ({ signal }) => getAuctions(phase, signal) });
