import type { Core } from '@strapi/strapi';
import type { AuctionProjection } from '@car-auction/contracts';

export interface AuctionProjectionService {
  apply(documentId: string, projection: AuctionProjection): Promise<'applied' | 'stale' | 'not_found'>;
}

/**
 * The cms's current-bid fields are a projection of the worker's state. One
 * conditional UPDATE (draft and published rows alike) applies a projection only
 * if its version is newer than the stored one, so a late or replayed post can
 * never move an auction backwards, whatever order posts arrive in.
 */
export default ({ strapi }: { strapi: Core.Strapi }): AuctionProjectionService => ({
  async apply(documentId, projection) {
    const auctions = strapi.db.query('api::auction.auction');
    const { count } = await auctions.updateMany({
      where: {
        documentId,
        $or: [{ projectionVersion: { $null: true } }, { projectionVersion: { $lt: projection.version } }],
      },
      data: {
        projectionVersion: projection.version,
        currentPrice: projection.currentPrice,
        leaderUserId: projection.leaderUserId,
        leaderName: projection.leaderName,
        bidCount: projection.bidCount,
        saleStatus: projection.saleStatus,
        endsAt: new Date(projection.endsAt),
      },
    });
    if (count > 0) return 'applied';
    const exists = await auctions.count({ where: { documentId } });
    return exists > 0 ? 'stale' : 'not_found';
  },
});
