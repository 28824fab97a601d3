import type { Core } from '@strapi/strapi';
import { centsFromDb } from '../../../bids/cents';
import { asSystem } from '../../../documents/system-writes';

export interface SaleRecorderService {
  /** Records the sale of an auction the engine closed sold; nothing if it is not sold or already recorded. */
  recordIfSold(auctionDocumentId: string): Promise<'recorded' | 'exists' | 'not_sold'>;
  /** Records every sold auction that has no sale yet (a missed post-back, a failure): returns how many. */
  reconcile(): Promise<number>;
}

interface SoldAuction {
  documentId: string;
  title: string;
  currency: string;
  currentPrice: unknown;
  leaderUserId: number | null;
  saleStatus: string;
  closesAt: string | Date | null;
  endsAt: string | Date;
  car?: { documentId: string } | null;
}

/** The buyer's premium on a hammer price, in whole cents (half a cent up). */
export const buyersPremium = (hammerCents: number, percent: number) => Math.round((hammerCents * percent) / 100);

/**
 * A Sale for each auction that closes sold, for admins to follow up (payment,
 * cancellation). Made from the auction's projected state: the hammer price is
 * the final price, the winner the leader; the buyer's premium is the
 * percentage configured when the sale is recorded (config/sales.ts), kept on
 * the sale so a later change of the setting does not rewrite it.
 */
export default ({ strapi }: { strapi: Core.Strapi }): SaleRecorderService => {
  const percent = () => (strapi.config.get('sales') as { buyerPremiumPercent: number }).buyerPremiumPercent;

  const record = async (auction: SoldAuction) => {
    const hammer = centsFromDb(auction.currentPrice);
    if (hammer === null) return 'not_sold' as const;
    const existing = await strapi.db.query('api::sale.sale').count({ where: { auctionDocumentId: auction.documentId } });
    if (existing > 0) return 'exists' as const;
    const winner = auction.leaderUserId
      ? ((await strapi.db.query('plugin::users-permissions.user').findOne({
          where: { id: auction.leaderUserId },
          select: ['documentId', 'username'],
        })) as { documentId: string; username: string } | null)
      : null;
    const pct = percent();
    const premium = buyersPremium(hammer, pct);
    // A system write: the worker's post-back is an HTTP request, and people may not create sales.
    await asSystem(() =>
      strapi.documents('api::sale.sale').create({
        data: {
          title: auction.title,
          auction: auction.documentId,
          auctionDocumentId: auction.documentId,
          car: auction.car?.documentId,
          winner: winner?.documentId,
          winnerUsername: winner?.username ?? null,
          currency: auction.currency,
          hammerPrice: String(hammer),
          buyerPremiumPercent: pct,
          buyerPremium: String(premium),
          total: String(hammer + premium),
          closedAt: new Date(auction.closesAt ?? auction.endsAt),
          paymentStatus: 'awaiting_payment',
        } as never,
      }),
    );
    strapi.log.info(`sale recorded: auction ${auction.documentId}, hammer ${hammer} cents, premium ${premium}`);
    return 'recorded' as const;
  };

  const soldAuctions = (where: Record<string, unknown>) =>
    strapi.db.query('api::auction.auction').findMany({
      where: { ...where, saleStatus: 'sold', publishedAt: { $notNull: true } },
      populate: { car: { select: ['documentId'] } },
    }) as Promise<SoldAuction[]>;

  return {
    async recordIfSold(auctionDocumentId) {
      const [auction] = await soldAuctions({ documentId: auctionDocumentId });
      return auction ? record(auction) : 'not_sold';
    },
    async reconcile() {
      const recorded = await strapi.db.query('api::sale.sale').findMany({ select: ['auctionDocumentId'] });
      const have = new Set(recorded.map((sale: { auctionDocumentId: string }) => sale.auctionDocumentId));
      let count = 0;
      for (const auction of await soldAuctions({})) {
        if (have.has(auction.documentId)) continue;
        if ((await record(auction)) === 'recorded') count++;
      }
      return count;
    },
  };
};
