import * as React from 'react';
import { Flex, Link, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { resultSummary, type ClosedAuction } from './result-summary';

const USERS = 'plugin::users-permissions.user';

/** The bidder's name and email, if this panel user may read users (admins may; editors may not). */
function useBidder(id: number | null): { username: string; email: string } | null {
  const { get } = useFetchClient();
  const [bidder, setBidder] = React.useState<{ username: string; email: string } | null>(null);
  React.useEffect(() => {
    if (id === null) return;
    let current = true;
    get(`/content-manager/collection-types/${USERS}`, { params: { filters: { id: { $eq: id } }, pageSize: 1 } })
      .then(({ data }) => {
        const found = (data as { results?: Array<{ username: string; email: string }> }).results?.[0];
        if (current && found) setBidder({ username: found.username, email: found.email });
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [get, id]);
  return bidder;
}

/** Beside a closed auction's edit form: its result, and the bidder to follow up with. */
export function AuctionResultPanel({ auction }: { auction: ClosedAuction }) {
  const summary = resultSummary(auction);
  const bidder = useBidder(summary?.bidderId ?? null);
  if (!summary) return null;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="auction-result">
      <Typography fontWeight="bold">{summary.headline}</Typography>
      {summary.detail && (
        <Typography variant="pi" textColor="neutral600">
          {summary.detail}
        </Typography>
      )}
      {summary.bidderId !== null && (
        <Typography variant="pi" data-testid="auction-result-bidder">
          {bidder ? `${bidder.username} · ${bidder.email}` : `Bidder #${summary.bidderId}`}{' '}
          <Link href={`/admin/content-manager/collection-types/${USERS}?filters[$and][0][id][$eq]=${summary.bidderId}`}>Open</Link>
        </Typography>
      )}
    </Flex>
  );
}
