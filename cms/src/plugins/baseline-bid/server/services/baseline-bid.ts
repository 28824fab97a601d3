import type { Core } from '@strapi/strapi';
import { maskName } from '@car-auction/contracts';
import { auctionNotFound, type BidError } from '../../../../bids/bid-errors';
import { checkBidAgainstAuction, isPlausibleAuctionId, parseBidBody, type AuctionSnapshot } from '../../../../bids/bid-rules';
import { centsFromDb } from '../../../../bids/cents';

export interface BaselineBidInput {
  auctionId: unknown;
  body: unknown;
  bidder: { id: number; username: string } | undefined;
  now: number;
}

export interface BaselineBidAccepted {
  bidId: string;
  auctionId: string;
  amount: number;
  placedAt: number;
}

export type BaselineBidOutcome = { ok: true; accepted: BaselineBidAccepted } | { ok: false; error: BidError };

export interface BaselineBidService {
  placeBid(input: BaselineBidInput): Promise<BaselineBidOutcome>;
}

/** Optimistic retries when another bid on the same auction won the race; then the bidder retries. */
const MAX_ATTEMPTS = 5;

const AUCTION_FIELDS = ['startsAt', 'endsAt', 'startingPrice', 'minIncrement', 'currentPrice', 'bidCount', 'saleStatus'];

/** Those fields as stored: datetimes, and money as the strings the database returns for biginteger. */
interface AuctionRow {
  startsAt: string;
  endsAt: string;
  startingPrice: unknown;
  minIncrement: unknown;
  currentPrice: unknown;
  bidCount: number | null;
  saleStatus: string | null;
}

const notFound = (): BaselineBidOutcome => ({ ok: false, error: auctionNotFound() });

/**
 * The naive design: the CMS database is the source of truth for bids. Each bid
 * is one transaction that re-reads the auction through the document service,
 * checks the amount against the current price plus the increment, moves the
 * price with a conditional UPDATE, and creates the bid document.
 *
 * Keeping the winning bid correct: the UPDATE applies only if the auction's
 * bidCount is still the one just read (optimistic concurrency), so two bids
 * racing on one auction cannot both win, whichever cms instance or database
 * connection runs them. The loser re-reads and is judged against the new price.
 * An in-process lock per auction would serialise one process only.
 *
 * Deliberately generous to the baseline: the bid row has no relations (no join
 * tables to write) and the auction is updated with one query-engine UPDATE of
 * its draft and published rows, as the worker's projection does, rather than
 * update + publish through the document service (which would also rewrite the
 * auction's configuration in Redis through the document middleware). The
 * ratios the benchmark reports are therefore conservative.
 */
export default ({ strapi }: { strapi: Core.Strapi }): BaselineBidService => {
  const attempt = async (auctionId: string, amount: number, bidder: { id: number; username: string }, now: number) =>
    strapi.db.transaction(async (): Promise<BaselineBidOutcome | 'conflict'> => {
      const row = (await strapi.documents('api::auction.auction').findOne({
        documentId: auctionId,
        status: 'published',
        fields: AUCTION_FIELDS,
      })) as AuctionRow | null;
      if (!row) return notFound();
      const bidCount = Number(row.bidCount ?? 0);
      // The baseline keeps its state in SQL, not in Redis: the auction's hash (and its stored
      // minNextBid) never sees a baseline bid, so the foil works its minimum out from its own row,
      // with the fixed increment only (it is the benchmark's naive design, not the rules' home).
      const currentPrice = centsFromDb(row.currentPrice);
      const auction: AuctionSnapshot = {
        startsAt: new Date(row.startsAt).getTime(),
        endsAt: new Date(row.endsAt).getTime(),
        minimumNextBid:
          bidCount > 0 && currentPrice !== null
            ? currentPrice + (centsFromDb(row.minIncrement) ?? 1)
            : (centsFromDb(row.startingPrice) ?? 0),
        closed: row.saleStatus === 'sold' || row.saleStatus === 'unsold',
        currentPrice,
        // No maximums here: the leader bids again like anyone (the naive design), never as the leader.
        leaderId: null,
        bidCount,
      };
      const rejection = checkBidAgainstAuction(auction, { bidderId: bidder.id, amount }, now);
      if (rejection) return { ok: false, error: rejection };

      const { count } = await strapi.db.query('api::auction.auction').updateMany({
        where: {
          documentId: auctionId,
          ...(bidCount === 0 ? { $or: [{ bidCount: { $null: true } }, { bidCount: 0 }] } : { bidCount }),
        },
        data: { currentPrice: amount, bidCount: bidCount + 1, leaderUserId: bidder.id, leaderName: maskName(bidder.username) },
      });
      if (count === 0) return 'conflict';

      const bid = await strapi.documents('plugin::baseline-bid.baseline-bid').create({
        data: { auctionDocumentId: auctionId, bidderId: bidder.id, amount, placedAt: new Date(now) },
      });
      return { ok: true, accepted: { bidId: bid.documentId, auctionId, amount, placedAt: now } };
    });

  return {
    async placeBid({ auctionId, body, bidder, now }) {
      if (!bidder) return { ok: false, error: { status: 401, code: 'unauthorized', message: 'Log in to place a bid' } };
      const parsed = parseBidBody(body);
      if (!parsed.ok) return parsed;
      if (parsed.maxAmount !== undefined) {
        // The foil has no proxy bidding; a maximum it cannot honour is refused, not dropped.
        return {
          ok: false,
          error: { status: 400, code: 'invalid_max_amount', message: 'This endpoint takes plain bids only (no maxAmount)' },
        };
      }
      if (!isPlausibleAuctionId(auctionId)) return notFound();
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        const outcome = await attempt(auctionId, parsed.amount, bidder, now);
        if (outcome !== 'conflict') return outcome;
      }
      return {
        ok: false,
        error: { status: 503, code: 'bids_unavailable', message: 'Too many bids on this auction at once; please try again' },
      };
    },
  };
};
