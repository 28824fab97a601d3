import * as React from 'react';
import { Flex, Typography } from '@strapi/design-system';
import { formatCents } from '@car-auction/contracts';
import { bidsPerMinute, timeLeft } from './live-feed';
import { useLiveFeed } from './use-live-feed';
import { FeedStatusLine } from './LiveAuctionsWidget';
import { LatestBids } from './LatestBids';

/** The side panel of an auction's edit view: its price, bids, time left and bids per minute, and its latest bids, live. */
export function AuctionLivePanel({ auctionId, currency }: { auctionId: string; currency: string }) {
  const { feed, status, now } = useLiveFeed();
  const row = feed.auctions.get(auctionId);
  const bids = feed.bids.filter((bid) => bid.auctionId === auctionId);
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="auction-live-panel">
      <FeedStatusLine status={status} />
      {row ? (
        <>
          <Typography data-testid="auction-live-price">
            {row.state.currentPrice === null ? 'No bids yet' : formatCents(row.state.currentPrice, row.currency ?? currency)} ·{' '}
            {row.state.bidCount} bids
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            {timeLeft(row.state.endsAt, now)} left · {bidsPerMinute(feed, now, auctionId)} bids/min
          </Typography>
        </>
      ) : (
        <Typography variant="pi" textColor="neutral600">
          Not live now; bids appear here as they happen.
        </Typography>
      )}
      <LatestBids bids={bids} titles={new Map()} />
    </Flex>
  );
}
