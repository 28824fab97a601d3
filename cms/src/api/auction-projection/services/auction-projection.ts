import type { Core } from '@strapi/strapi';
import type { AuctionProjection, AuctionProjectionBatch, AuctionProjectionResult } from '@car-auction/contracts';
import { getService } from '../../../utils/get-service';

export interface AuctionProjectionService {
  applyBatch(items: AuctionProjectionBatch['data']): Promise<{ auctionId: string; result: AuctionProjectionResult }[]>;
}

/**
 * The cms's current-bid fields are a projection of the worker's state. One
 * conditional UPDATE (draft and published rows alike) applies a projection only
 * if its version is newer than the stored one, so a late or replayed post can
 * never move an auction backwards, whatever order posts arrive in.
 */
export default ({ strapi }: { strapi: Core.Strapi }): AuctionProjectionService => {
  const apply = async (documentId: string, projection: AuctionProjection): Promise<AuctionProjectionResult> => {
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
        // The effective end goes to closesAt: endsAt is the configured end, which the cms writes
        // back to Redis on every sync (an extended end taken as configured would move the cap).
        closesAt: new Date(projection.endsAt),
      },
    });
    if (count > 0) {
      // A post built before an admin withdrew the auction may land after: withdrawn stays its status.
      await auctions.updateMany({
        where: { documentId, withdrawnAt: { $notNull: true }, saleStatus: { $ne: 'withdrawn' } },
        data: { saleStatus: 'withdrawn' },
      });
      return 'applied';
    }
    const exists = await auctions.count({ where: { documentId } });
    return exists > 0 ? 'stale' : 'not_found';
  };

  // After the projections' commit, each on its own: a sale that cannot be recorded (a database
  // error, a race with another cms) must not roll back or hold up the post-backs. It is logged,
  // and the cms's next start records it (sale-recorder's reconcile).
  const recordSales = async (auctionIds: string[]) => {
    for (const auctionId of auctionIds) {
      await getService(strapi, 'api::sale.sale-recorder')
        .recordIfSold(auctionId)
        .catch((err: Error) => strapi.log.error(`auction ${auctionId} closed sold, but its sale was not recorded: ${err.message}`));
    }
  };

  return {
    // One transaction for the whole batch: a commit (an fsync on most
    // databases) per flush instead of per auction. Each item's UPDATE stays
    // conditional, so a batch replayed after a lost answer changes nothing.
    // Sequential on purpose: a transaction is one connection.
    async applyBatch(items) {
      const results = await strapi.db.transaction(async () => {
        const applied: { auctionId: string; result: AuctionProjectionResult }[] = [];
        for (const { auctionId, projection } of items) applied.push({ auctionId, result: await apply(auctionId, projection) });
        return applied;
      });
      await recordSales(
        items.filter((item, i) => results[i]?.result === 'applied' && item.projection.saleStatus === 'sold').map((item) => item.auctionId),
      );
      return results;
    },
  };
};
