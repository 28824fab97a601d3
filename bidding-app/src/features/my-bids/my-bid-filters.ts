import type { MyBidStatus } from '@car-auction/contracts';

/** The tabs of "My bids": every auction, or those at one status. */
export type MyBidFilter = MyBidStatus | 'all';

export const MY_BID_FILTERS: { filter: MyBidFilter; label: string; empty: string }[] = [
  { filter: 'all', label: 'All', empty: 'You have not bid on any auction yet.' },
  { filter: 'leading', label: 'Leading', empty: 'You are not leading any auction right now.' },
  { filter: 'outbid', label: 'Outbid', empty: 'You have not been outbid on any auction.' },
  { filter: 'won', label: 'Won', empty: 'You have not won an auction yet.' },
  { filter: 'lost', label: 'Lost', empty: 'No auction you bid on has ended without you winning.' },
];

export const MY_BID_STATUS_LABELS: Record<MyBidStatus, string> = { leading: 'Leading', outbid: 'Outbid', won: 'Won', lost: 'Lost' };

/** The URL's `?status=` names the tab; anything else is all of them. */
export const myBidFilterFrom = (value: string | null): MyBidFilter => MY_BID_FILTERS.find((f) => f.filter === value)?.filter ?? 'all';
