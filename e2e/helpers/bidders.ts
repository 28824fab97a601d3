import { postJsonTo, registerBidder as registerWith, uniqueName, type Bidder } from '@car-auction/test-support/bidders';
import { bidIdFor } from '../../cms/src/bids/idempotency';
import { cmsUrl } from './cms';

export { eventually } from '@car-auction/test-support/wait';
export { pooled } from '@car-auction/test-support/pool';
export type { Bidder };

export const registerBidder = (prefix = 'bidder', emailDomain?: string): Promise<Bidder> => {
  const username = uniqueName(prefix);
  return registerWith(postJsonTo(cmsUrl()), username, emailDomain ? `${username}@${emailDomain}` : undefined);
};

/** `count` bidders at once, named `<prefix><n>x…`. */
export const registerBidders = (count: number, prefix: string): Promise<Bidder[]> =>
  Promise.all(Array.from({ length: count }, (_, i) => registerBidder(`${prefix}${i}x`)));

export interface PlacedBid {
  auctionId: string;
  status: number;
  bidId?: string;
  placedAt?: number;
  amount: number;
  /** The maximum the bid carried (a proxy bid), if any. */
  maxAmount?: number;
  bidder: Bidder;
  error?: { message: string; details: { code: string; bidId?: string } };
  /**
   * A bid that may still count though it got no 202: a 503 with an Idempotency-Key
   * names it (the stream took it but did not confirm), and so does a request that got
   * no answer at all (status 0: the cms died or was unreachable mid-request), through
   * the id the cms derives from the bidder and the key.
   */
  maybeBidId?: string;
}

interface BidAnswer {
  data?: { bidId?: string; placedAt?: number };
  error?: PlacedBid['error'];
}

export interface PlaceBidOptions {
  /** A maximum (a proxy bid): the engine bids for the bidder up to it. */
  maxAmount?: number;
  /** The cms to bid at; the one booted in this process by default. */
  baseUrl?: string;
  /** A request that gets no answer: thrown (default), or recorded as status 0 (for tests that kill the cms). */
  noAnswer?: 'throw' | 'record';
}

export async function placeBid(
  bidder: Bidder,
  auctionId: string,
  amount: number,
  idempotencyKey?: string,
  options: PlaceBidOptions = {},
): Promise<PlacedBid> {
  let res: Response;
  let body: BidAnswer;
  const { maxAmount } = options;
  try {
    res = await sendBid(
      options.baseUrl ?? cmsUrl(),
      bidder,
      auctionId,
      { amount, ...(maxAmount === undefined ? {} : { maxAmount }) },
      idempotencyKey,
    );
    body = (await res.json()) as BidAnswer;
  } catch (err) {
    if (options.noAnswer !== 'record') throw err;
    return {
      auctionId,
      status: 0,
      amount,
      maxAmount,
      bidder,
      maybeBidId: idempotencyKey ? bidIdFor(bidder.id, idempotencyKey) : undefined,
    };
  }
  return {
    auctionId,
    status: res.status,
    bidId: body.data?.bidId,
    placedAt: body.data?.placedAt,
    amount,
    maxAmount,
    bidder,
    error: body.error,
    maybeBidId: res.status === 503 ? body.error?.details?.bidId : undefined,
  };
}

function sendBid(
  baseUrl: string,
  bidder: Bidder,
  auctionId: string,
  body: { amount: number; maxAmount?: number },
  idempotencyKey?: string,
): Promise<Response> {
  return fetch(`${baseUrl}/api/auctions/${auctionId}/bids`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${bidder.jwt}`,
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
}
