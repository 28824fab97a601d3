import type { BidRejectionReason } from '@car-auction/contracts';

/** The standing line and the toast's title when an earlier maximum answered the bid at once. */
export const OUTBID_BY_MAXIMUM = 'Outbid at once by an earlier maximum';

/** What a bidder is told when the worker turns down a bid the cms had accepted for processing. */
export const REJECTION_MESSAGES: Record<BidRejectionReason, string> = {
  below_minimum: 'Another bid got there first, so yours was no longer above the minimum.',
  auction_ended: 'The auction ended before your bid arrived.',
  not_started: 'The auction had not started yet.',
  unknown_auction: 'This auction is no longer available.',
  outbid_by_maximum: `${OUTBID_BY_MAXIMUM}: another bidder had already set a maximum at least as high as yours.`,
  max_below_price: 'Your maximum cannot be lower than the current price.',
  auction_withdrawn: 'The auction was withdrawn before your bid was decided.',
};

export const rejectionMessage = (reason: BidRejectionReason | null) => (reason ? REJECTION_MESSAGES[reason] : 'Your bid was not accepted.');
