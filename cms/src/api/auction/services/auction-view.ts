import type { Core } from '@strapi/strapi';
import { auctionStateKey, reserveStatusOf, type ReserveStatus } from '@car-auction/contracts';
import { getService } from '../../../utils/get-service';

/** An auction as the content API outputs it (sanitised: no reserve price). */
export interface OutputAuction {
  documentId: string;
  currentPrice?: string | number | null;
  reserveStatus?: ReserveStatus;
  /** Cents, as the auction library stored them; null when Redis could not say just then. */
  minimumNextBid?: number | null;
  increment?: number | null;
}

export interface AuctionView<T> {
  data: T;
  meta: Record<string, unknown> & { serverTime: number };
}

export interface AuctionViewService {
  /**
   * The body of an answer holding one auction or a list, with what a bidder's
   * screen needs that the stored fields do not say: each auction's reserve
   * verdict, its minimum next bid and increment (the increment table applied, as
   * the auction library stored them), and `meta.serverTime` (when the data was read, epoch ms) so
   * countdowns run on the server's clock, not the browser's.
   */
  present<T extends OutputAuction | OutputAuction[]>(data: T, meta: Record<string, unknown>, readAt: number): Promise<AuctionView<T>>;
}

const toCents = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));

export default ({ strapi }: { strapi: Core.Strapi }): AuctionViewService => {
  /**
   * The reserve price is private, but bidders must see whether there is one
   * and whether it is met. Output sanitising has already dropped the price, so
   * this reads it back for the auctions in the answer (one query) and adds
   * only the verdict.
   */
  const attachReserveStatus = async (auctions: OutputAuction[]) => {
    if (auctions.length === 0) return;
    const rows: { documentId: string; reservePrice: string | null }[] = await strapi.db.query('api::auction.auction').findMany({
      where: { documentId: { $in: auctions.map((a) => a.documentId) }, publishedAt: { $notNull: true } },
      select: ['documentId', 'reservePrice'],
    });
    const reserveById = new Map(rows.map((r) => [r.documentId, toCents(r.reservePrice)]));
    for (const auction of auctions) {
      auction.reserveStatus = reserveStatusOf(reserveById.get(auction.documentId) ?? null, toCents(auction.currentPrice));
    }
  };

  /**
   * The minimum next bid and the increment are the rules' (the library stores them
   * in the auction's hash with every change): read in one round trip for the
   * whole answer. Redis away: null for each, and the answer goes out anyway (the
   * live state brings them). Only these two fields are read: the hash also holds
   * the leader and their maximum, which never leave it here.
   */
  const attachBidSteps = async (auctions: OutputAuction[]) => {
    for (const auction of auctions) {
      auction.minimumNextBid = null;
      auction.increment = null;
    }
    const state = getService(strapi, 'api::auction.auction-state');
    if (auctions.length === 0 || !state.redisReady()) return;
    const pipeline = state.redis().pipeline();
    for (const auction of auctions) pipeline.hmget(auctionStateKey(auction.documentId), 'minNextBid', 'increment');
    const replies = await pipeline.exec().catch((err: Error) => {
      strapi.log.warn(`auction view: minimum next bids not read from Redis: ${err.message}`);
      return null;
    });
    auctions.forEach((auction, i) => {
      const [err, fields] = replies?.[i] ?? [null, null];
      if (err || !Array.isArray(fields)) return;
      auction.minimumNextBid = toCents(fields[0]);
      auction.increment = toCents(fields[1]);
    });
  };

  return {
    async present(data, meta, readAt) {
      const auctions: OutputAuction[] = Array.isArray(data) ? data : [data as OutputAuction];
      await Promise.all([attachReserveStatus(auctions), attachBidSteps(auctions)]);
      return { data, meta: { ...meta, serverTime: readAt } };
    },
  };
};
