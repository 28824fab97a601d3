import type { Core } from '@strapi/strapi';
import { bidMessageSchema, type BidMessage, type PlaceBidAccepted } from '@car-auction/contracts';
import { auctionNotFound, type BidError } from '../../../bids/bid-errors';
import { checkBidAgainstAuction, isPlausibleAuctionId, parseBidBody, type AuctionSnapshot } from '../../../bids/bid-rules';
import { AuctionStateUnavailableError } from '../../auction/services/auction-state';
import { BidsUnavailableError } from './bid-producer';
import { bidIdFor, readIdempotencyKey } from '../../../bids/idempotency';
import { getService } from '../../../utils/get-service';

export interface PlaceBidInput {
  auctionId: unknown;
  body: unknown;
  /** The Idempotency-Key header, if any. */
  idempotencyKey?: unknown;
  bidder: { id: number; username: string } | undefined;
  now: number;
}

export type PlaceBidOutcome = { ok: true; accepted: PlaceBidAccepted['data'] } | { ok: false; error: BidError };

export interface BidIntakeService {
  placeBid(input: PlaceBidInput): Promise<PlaceBidOutcome>;
}

const notFound = (): PlaceBidOutcome => ({ ok: false, error: auctionNotFound() });

/**
 * Checks a bid and hands it to Kafka. It decides nothing about winning: the
 * stream worker does, in partition order. Every check here only spares Kafka
 * bids that cannot possibly win.
 */
export default ({ strapi }: { strapi: Core.Strapi }): BidIntakeService => {
  return {
    async placeBid({ auctionId, body, idempotencyKey, bidder, now }) {
      if (!bidder) {
        return { ok: false, error: { status: 401, code: 'unauthorized', message: 'Log in to place a bid' } };
      }
      const key = readIdempotencyKey(idempotencyKey);
      if (!key.ok) return { ok: false, error: { status: 400, code: 'invalid_body', message: key.message } };
      const parsed = parseBidBody(body);
      if (!parsed.ok) return parsed;
      if (!isPlausibleAuctionId(auctionId)) return notFound();
      let auction: AuctionSnapshot | null;
      try {
        // The same state the worker decides against: effective end, minimum next bid, price and leader.
        auction = await getService(strapi, 'api::auction.auction-state').snapshotForBid(auctionId);
      } catch (err) {
        if (!(err instanceof AuctionStateUnavailableError)) throw err;
        strapi.log.warn(`auction state unavailable: ${err.message}`);
        return {
          ok: false,
          error: {
            status: 503,
            code: 'bids_unavailable',
            message: 'Bids cannot be accepted right now (auction state unreachable); please try again in a few seconds',
          },
        };
      }
      if (!auction) return notFound();
      const { amount, maxAmount } = parsed;
      const rejection = checkBidAgainstAuction(auction, { bidderId: bidder.id, amount, maxAmount }, now);
      if (rejection) return { ok: false, error: rejection };

      const message: BidMessage = bidMessageSchema.parse({
        schemaVersion: 1,
        bidId: bidIdFor(bidder.id, key.key),
        auctionId,
        bidderId: bidder.id,
        bidderUsername: bidder.username,
        amount,
        // Only a proxy bid carries a maximum; a plain bid's message is as it always was.
        ...(maxAmount === undefined ? {} : { maxAmount }),
        placedAt: now,
      });
      try {
        await getService(strapi, 'api::bid.bid-producer').produce(message);
      } catch (err) {
        if (err instanceof BidsUnavailableError) {
          // The stream may have taken the bid without confirming it. With a key, a retry
          // with the same key is safe, and the id says which bid may still count.
          return key.key === null
            ? { ok: false, error: { status: 503, code: 'bids_unavailable', message: err.message } }
            : {
                ok: false,
                error: {
                  status: 503,
                  code: 'bids_unavailable',
                  message: `${err.message}. Sending the same bid again (same Idempotency-Key) is safe: it is counted at most once`,
                  details: { bidId: message.bidId },
                },
              };
        }
        throw err;
      }
      strapi.log.debug(`bid ${message.bidId} on ${auctionId} produced (${message.amount} cents)`);
      return {
        ok: true,
        // The maximum is echoed to its owner only: this answer goes to the bidder who sent it.
        accepted: {
          bidId: message.bidId,
          auctionId,
          amount: message.amount,
          ...(message.maxAmount === undefined ? {} : { maxAmount: message.maxAmount }),
          placedAt: message.placedAt,
        },
      };
    },
  };
};
