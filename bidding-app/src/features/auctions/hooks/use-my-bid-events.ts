import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { BidNoticesEvent, BidOutcomeEvent, OutbidEvent, PublicAuction } from '@car-auction/contracts';
import { useToast, type ToastInput } from '../../../components/toast-provider';
import { formatCents } from '@car-auction/contracts';
import { getSocket } from '../../../lib/realtime-socket';
import { seenOnce } from '../../../lib/seen-once';
import { auctionKeys } from '../api/auction-keys';
import { myBidsStore } from '../my-bids-store';
import { OUTBID_BY_MAXIMUM, rejectionMessage } from '../rejection-messages';

function cachedAuction(queryClient: QueryClient, auctionId: string): PublicAuction | undefined {
  const detail = queryClient.getQueryData<PublicAuction>(auctionKeys.detail(auctionId));
  if (detail) return detail;
  for (const [, list] of queryClient.getQueriesData<PublicAuction[]>({ queryKey: auctionKeys.lists() })) {
    const found = list?.find((a) => a.documentId === auctionId);
    if (found) return found;
  }
  return undefined;
}

/** What a bidder is told of their refused bid; an earlier maximum's answer is an outbid, told as one. */
function rejectionToast(event: BidOutcomeEvent, auction: PublicAuction | undefined): ToastInput {
  const currency = auction?.currency ?? 'USD';
  const to = `/auctions/${event.auctionId}`;
  if (event.reason === 'outbid_by_maximum') {
    const priceNow = event.currentPrice === null ? '' : ` The price is now ${formatCents(event.currentPrice, currency)}.`;
    return {
      tone: 'warning',
      title: OUTBID_BY_MAXIMUM,
      message: `Your bid of ${formatCents(event.amount, currency)} was answered at once by another bidder's automatic bid.${priceNow}`,
      link: { to, label: 'Bid again' },
    };
  }
  return {
    tone: 'error',
    title: `Your bid of ${formatCents(event.amount, currency)} was not accepted`,
    message: rejectionMessage(event.reason),
    link: { to, label: auction ? `Open ${auction.title}` : 'Open the auction' },
  };
}

/**
 * Listens to the logged-in user's room for the decisions on their bids and for
 * outbid notices, wherever they are in the app, and tells them.
 */
export function useMyBidEvents(): void {
  const queryClient = useQueryClient();
  const toast = useToast();

  useEffect(() => {
    const socket = getSocket();
    const firstOutcome = seenOnce();
    const firstOutbid = seenOnce();

    const onOutcome = (event: BidOutcomeEvent) => {
      if (!firstOutcome(event.bidId)) return;
      myBidsStore.noteOutcome(event);
      if (event.outcome === 'accepted') return;
      toast(rejectionToast(event, cachedAuction(queryClient, event.auctionId)));
    };

    const onOutbid = (event: OutbidEvent) => {
      if (!firstOutbid(`${event.auctionId}:${event.seq}`)) return;
      myBidsStore.noteOutbid(event);
      const auction = cachedAuction(queryClient, event.auctionId);
      const currency = auction?.currency ?? 'USD';
      toast({
        tone: 'warning',
        title: "You've been outbid",
        message: `${auction ? `${auction.title}: the` : 'The'} price is now ${formatCents(event.currentPrice, currency)}. Bid at least ${formatCents(event.minimumNextBid, currency)} to lead again.`,
        link: { to: `/auctions/${event.auctionId}`, label: 'Bid again' },
      });
    };

    // In the auction's order (seq): outbid at s1, then leading again at s2 > s1, ends leading.
    const onNotices = ({ outcomes, outbids }: BidNoticesEvent) => {
      const events = [
        ...outcomes.map((event) => ({ seq: event.seq, apply: () => onOutcome(event) })),
        ...outbids.map((event) => ({ seq: event.seq, apply: () => onOutbid(event) })),
      ];
      for (const { apply } of events.sort((a, b) => a.seq - b.seq)) apply();
    };

    socket.on('bid:notices', onNotices);
    return () => {
      socket.off('bid:notices', onNotices);
    };
  }, [queryClient, toast]);
}
