import * as React from 'react';
import { Flex, Typography } from '@strapi/design-system';
import { formatCents, type AdminBidEntry } from '@car-auction/contracts';
import type { LiveAuctionRow } from './live-feed';

const outcomeText = (bid: AdminBidEntry) =>
  bid.outcome === 'accepted'
    ? 'leads'
    : bid.reason === 'outbid_by_maximum'
      ? 'outbid by a maximum'
      : `refused (${bid.reason ?? 'rejected'})`;

/** The newest bids first: who, how much, on what, and what came of it. */
export function LatestBids({ bids, titles }: { bids: AdminBidEntry[]; titles: Map<string, Pick<LiveAuctionRow, 'title' | 'currency'>> }) {
  if (bids.length === 0) {
    return (
      <Typography variant="pi" textColor="neutral600">
        No bids since this page opened.
      </Typography>
    );
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={1} tag="ol" data-testid="latest-bids">
      {bids.map((bid) => {
        const auction = titles.get(bid.auctionId);
        return (
          <Typography key={bid.bidId} tag="li" variant="pi" data-testid="latest-bid">
            {new Date(bid.placedAt).toLocaleTimeString()} · {bid.bidderUsername} bid {formatCents(bid.amount, auction?.currency ?? 'USD')}
            {auction ? ` on ${auction.title}` : ''} — {outcomeText(bid)}
          </Typography>
        );
      })}
    </Flex>
  );
}
