import { postJsonTo, registerBidder as registerWith, uniqueName, type Bidder } from '@car-auction/test-support/bidders';
import { cmsUrl } from './cms';

export { eventually } from '@car-auction/test-support/wait';
export { pooled } from '@car-auction/test-support/pool';
export type { Bidder };

export const registerBidder = (prefix = 'bidder'): Promise<Bidder> => registerWith(postJsonTo(cmsUrl()), uniqueName(prefix));

/** `count` bidders at once, named `<prefix><n>x…`. */
export const registerBidders = (count: number, prefix: string): Promise<Bidder[]> =>
  Promise.all(Array.from({ length: count }, (_, i) => registerBidder(`${prefix}${i}x`)));

export interface PlacedBid {
  auctionId: string;
  status: number;
  bidId?: string;
  placedAt?: number;
  amount: number;
  bidder: Bidder;
  error?: { message: string; details: { code: string; bidId?: string } };
  /** A 503 with an Idempotency-Key names the bid that may still count (the stream took it but did not confirm). */
  maybeBidId?: string;
}

interface BidAnswer {
  data?: { bidId?: string; placedAt?: number };
  error?: PlacedBid['error'];
}

export async function placeBid(bidder: Bidder, auctionId: string, amount: number, idempotencyKey?: string): Promise<PlacedBid> {
  const res = await fetch(`${cmsUrl()}/api/auctions/${auctionId}/bids`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${bidder.jwt}`,
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: JSON.stringify({ amount }),
  });
  const body = (await res.json()) as BidAnswer;
  return {
    auctionId,
    status: res.status,
    bidId: body.data?.bidId,
    placedAt: body.data?.placedAt,
    amount,
    bidder,
    error: body.error,
    maybeBidId: res.status === 503 ? body.error?.details?.bidId : undefined,
  };
}
