import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { bidMessageSchema, type BidMessage, type PlaceBidAccepted } from '@car-auction/contracts';
import type { BidError } from '../../../bids/bid-errors';
import { checkBidAgainstAuction, isPlausibleAuctionId, parseBidBody, type AuctionSnapshot } from '../../../bids/bid-rules';
import { centsFromDb } from '../../../bids/cents';
import { BidsUnavailableError, type BidProducerService } from './bid-producer';

export interface PlaceBidInput {
  auctionId: unknown;
  body: unknown;
  bidder: { id: number; username: string } | undefined;
  now: number;
}

export type PlaceBidOutcome = { ok: true; accepted: PlaceBidAccepted['data'] } | { ok: false; error: BidError };

export interface BidIntakeService {
  placeBid(input: PlaceBidInput): Promise<PlaceBidOutcome>;
}

const notFound = (): PlaceBidOutcome => ({
  ok: false,
  error: { status: 404, code: 'auction_not_found', message: 'No auction with this id is open for bidding' },
});

/**
 * Checks a bid and hands it to Kafka. It decides nothing about winning: the
 * stream worker does, in partition order. Every check here only spares Kafka
 * bids that cannot possibly win.
 */
export default ({ strapi }: { strapi: Core.Strapi }): BidIntakeService => {
  const loadAuction = async (documentId: string): Promise<AuctionSnapshot | null> => {
    const row = await strapi.documents('api::auction.auction').findOne({
      documentId,
      status: 'published',
      fields: ['startsAt', 'endsAt', 'startingPrice', 'minIncrement', 'currentPrice', 'bidCount'],
    });
    if (!row) return null;
    return {
      startsAt: new Date(row.startsAt as string).getTime(),
      endsAt: new Date(row.endsAt as string).getTime(),
      startingPrice: centsFromDb(row.startingPrice) ?? 0,
      minIncrement: centsFromDb(row.minIncrement) ?? 1,
      currentPrice: centsFromDb(row.currentPrice),
      bidCount: (row.bidCount as number | null) ?? 0,
    };
  };

  return {
    async placeBid({ auctionId, body, bidder, now }) {
      if (!bidder) {
        return { ok: false, error: { status: 401, code: 'unauthorized', message: 'Log in to place a bid' } };
      }
      const parsed = parseBidBody(body);
      if (!parsed.ok) return parsed;
      if (!isPlausibleAuctionId(auctionId)) return notFound();
      const auction = await loadAuction(auctionId);
      if (!auction) return notFound();
      const rejection = checkBidAgainstAuction(auction, parsed.amount, now);
      if (rejection) return { ok: false, error: rejection };

      const message: BidMessage = bidMessageSchema.parse({
        schemaVersion: 1,
        bidId: randomUUID(),
        auctionId,
        bidderId: bidder.id,
        bidderUsername: bidder.username,
        amount: parsed.amount,
        placedAt: now,
      });
      try {
        await (strapi.service('api::bid.bid-producer') as unknown as BidProducerService).produce(message);
      } catch (err) {
        if (err instanceof BidsUnavailableError) {
          return { ok: false, error: { status: 503, code: 'bids_unavailable', message: err.message } };
        }
        throw err;
      }
      strapi.log.debug(`bid ${message.bidId} on ${auctionId} produced (${message.amount} cents)`);
      return {
        ok: true,
        accepted: { bidId: message.bidId, auctionId, amount: message.amount, placedAt: message.placedAt },
      };
    },
  };
};
