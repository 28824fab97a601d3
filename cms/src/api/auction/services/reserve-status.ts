import type { Core } from '@strapi/strapi';
import { reserveStatusOf, type ReserveStatus } from '@car-auction/contracts';

interface OutputAuction {
  documentId: string;
  currentPrice?: string | number | null;
  reserveStatus?: ReserveStatus;
}

export interface ReserveStatusService {
  attach<T extends OutputAuction>(auctions: T[]): Promise<T[]>;
}

const toCents = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));

/**
 * The reserve price is private, but bidders must see whether there is one and
 * whether it is met. Output sanitising has already dropped the price, so this
 * reads it back for the auctions in the response (one query) and adds only the
 * verdict.
 */
export default ({ strapi }: { strapi: Core.Strapi }): ReserveStatusService => ({
  async attach(auctions) {
    if (auctions.length === 0) return auctions;
    const rows: { documentId: string; reservePrice: string | null }[] = await strapi.db.query('api::auction.auction').findMany({
      where: { documentId: { $in: auctions.map((a) => a.documentId) }, publishedAt: { $notNull: true } },
      select: ['documentId', 'reservePrice'],
    });
    const reserveById = new Map(rows.map((r) => [r.documentId, toCents(r.reservePrice)]));
    for (const auction of auctions) {
      auction.reserveStatus = reserveStatusOf(reserveById.get(auction.documentId) ?? null, toCents(auction.currentPrice));
    }
    return auctions;
  },
});
