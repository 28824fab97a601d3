import { useMutation } from '@tanstack/react-query';
import { placeBidAcceptedSchema, type PlaceBidAccepted, type PlaceBidRequest } from '@car-auction/contracts';
import { apiRequest } from '../../../lib/api-client';
import { myBidsStore } from '../my-bids-store';

export type PlacedBid = PlaceBidAccepted['data'];

export interface PlaceBidInput {
  auctionId: string;
  /** Integer cents. */
  amount: number;
  /** Integer cents: the most the engine may bid for this bidder (a proxy bid); secret to them. */
  maxAmount?: number;
  /**
   * Names this bid for the cms: a retry with the same key is counted at most
   * once, so a bid whose answer was lost (a 503, a dropped connection) can be
   * sent again safely.
   */
  idempotencyKey: string;
}

/**
 * A 202 means the bid is queued for the auction's worker, not yet decided; the
 * decision arrives on the socket (bid:notices).
 */
export async function placeBid({ auctionId, amount, maxAmount, idempotencyKey }: PlaceBidInput): Promise<PlacedBid> {
  const request: PlaceBidRequest = maxAmount === undefined ? { amount } : { amount, maxAmount };
  const body = await apiRequest(`/api/auctions/${encodeURIComponent(auctionId)}/bids`, {
    method: 'POST',
    body: request,
    auth: 'user',
    schema: placeBidAcceptedSchema,
    headers: { 'idempotency-key': idempotencyKey },
  });
  myBidsStore.notePlaced({ ...body.data, maxAmount });
  return body.data;
}

export const usePlaceBid = () => useMutation({ mutationFn: placeBid });
