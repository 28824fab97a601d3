import * as React from 'react';
import { Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { formatCents } from '@car-auction/contracts';
import { bidsPerMinute, timeLeft, widgetRows } from './live-feed';
import { useLiveFeed, type FeedStatus } from './use-live-feed';
import { LatestBids } from './LatestBids';

const STATUS_TEXT: Record<FeedStatus, string> = {
  connecting: 'Connecting to the live feed…',
  live: 'Live',
  unavailable: 'The live feed is unavailable (is the stream worker running?); retrying.',
};

export function FeedStatusLine({ status }: { status: FeedStatus }) {
  return (
    <Typography variant="pi" textColor={status === 'live' ? 'success600' : 'neutral600'} data-testid="live-feed-status">
      {STATUS_TEXT[status]}
    </Typography>
  );
}

/** The homepage widget: the auctions running now, and the latest bids across them, as they happen. */
export function LiveAuctionsWidget() {
  const { feed, status, now } = useLiveFeed();
  const rows = widgetRows(feed, now);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="live-auctions-widget">
      <Flex justifyContent="space-between">
        <FeedStatusLine status={status} />
        <Typography variant="pi" textColor="neutral600">
          {bidsPerMinute(feed, now)} bids/min
        </Typography>
      </Flex>
      {rows.length === 0 ? (
        <Typography textColor="neutral600">No auction is live right now.</Typography>
      ) : (
        <Table colCount={4} rowCount={rows.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">Auction</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">Price</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">Bids</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">Time left</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((row) => (
              <Tr key={row.auctionId} data-testid={`live-row-${row.auctionId}`}>
                <Td>
                  <Typography ellipsis>{row.title}</Typography>
                </Td>
                <Td>
                  <Typography>{row.state.currentPrice === null ? '—' : formatCents(row.state.currentPrice, row.currency)}</Typography>
                </Td>
                <Td>
                  <Typography>
                    {row.state.bidCount} ({bidsPerMinute(feed, now, row.auctionId)}/min)
                  </Typography>
                </Td>
                <Td>
                  <Typography>{timeLeft(row.state.endsAt, now)}</Typography>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <Box>
        <Typography variant="sigma" textColor="neutral600">
          Latest bids
        </Typography>
        <LatestBids bids={feed.bids} titles={new Map([...feed.auctions.values()].map((r) => [r.auctionId, r]))} />
      </Box>
    </Flex>
  );
}
