import type { BidRejectionReason } from '@car-auction/contracts';

/** What a bidder is told when the worker turns down a bid the cms had accepted for processing. */
export const REJECTION_MESSAGES: Record<BidRejectionReason, string> = {
  below_minimum: 'Another bid got there first, so yours was no longer above the minimum.',
  auction_ended: 'The auction ended before your bid arrived.',
  not_started: 'The auction had not started yet.',
  unknown_auction: 'This auction is no longer available.',
};

export const rejectionMessage = (reason: BidRejectionReason | null) => (reason ? REJECTION_MESSAGES[reason] : 'Your bid was not accepted.');
