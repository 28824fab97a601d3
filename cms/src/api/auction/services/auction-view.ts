import type { Core } from '@strapi/strapi';
import { reserveStatusOf, type ReserveStatus } from '@car-auction/contracts';

/** An auction as the content API outputs it (sanitised: no reserve price). */
export interface OutputAuction {
  documentId: string;
  currentPrice?: string | number | null;
  reserveStatus?: ReserveStatus;
}

export interface AuctionView<T> {
  data: T;
  meta: Record<string, unknown> & { serverTime: number };
}

export interface AuctionViewService {
  /**
   * The body of an answer holding one auction or a list, with what a bidder's
   * screen needs that the stored fields do not say: each auction's reserve
   * verdict, and `meta.serverTime` (when the data was read, epoch ms) so
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

  return {
    async present(data, meta, readAt) {
      await attachReserveStatus(Array.isArray(data) ? data : [data]);
      return { data, meta: { ...meta, serverTime: readAt } };
    },
  };
};
