import { useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, messageOf } from '../../../lib/api-client';
import { newIdempotencyKey } from '../../../lib/idempotency-key';
import { auctionKeys } from '../api/auction-keys';
import { usePlaceBid, type PlacedBid } from '../api/place-bid';
import { fieldOfCode, type BidProblem, type BidRequest } from '../bid-checks';

export interface SendBidCallbacks {
  onPlaced(bid: PlacedBid): void;
  onProblem(problem: BidProblem): void;
}

/**
 * Sends a bid (or a leader's new maximum) for one auction. One Idempotency-Key
 * per bid the user means to place: kept while the answer is unknown, so
 * sending the same bid again cannot count twice; dropped once the cms answers.
 */
export function useSendBid(auctionId: string) {
  const placeBid = usePlaceBid();
  const queryClient = useQueryClient();
  const pendingKey = useRef<{ request: string; key: string } | null>(null);

  function send(bid: BidRequest, { onPlaced, onProblem }: SendBidCallbacks) {
    const request = JSON.stringify([bid.amount, bid.maxAmount ?? null]);
    if (pendingKey.current?.request !== request) pendingKey.current = { request, key: newIdempotencyKey() };
    placeBid.mutate(
      { auctionId, ...bid, idempotencyKey: pendingKey.current.key },
      {
        onSuccess: (placed) => {
          pendingKey.current = null;
          onPlaced(placed);
        },
        onError: (err) => {
          const refused = err instanceof ApiError && err.status < 500;
          // A definite refusal ends this bid; an unknown outcome keeps its key for a retry.
          if (refused) pendingKey.current = null;
          // The server's words, as it wrote them, beside the input they are about.
          onProblem({ field: err instanceof ApiError ? fieldOfCode(err.code) : 'amount', message: messageOf(err) });
          // The cms knew something this page did not (a new end, a higher price): catch up.
          if (refused) void queryClient.invalidateQueries({ queryKey: auctionKeys.detail(auctionId) });
        },
      },
    );
  }

  return { send, isPending: placeBid.isPending };
}
