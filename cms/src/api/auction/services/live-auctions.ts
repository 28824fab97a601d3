import type { Core, Modules } from '@strapi/strapi';

export interface LiveAuctionsService {
  /** Published auctions that have started and not closed (after soft close) nor been withdrawn, soonest-closing first, with car and photos. */
  findLive(now: Date): Promise<Modules.Documents.AnyDocument[]>;
}

export default ({ strapi }: { strapi: Core.Strapi }): LiveAuctionsService => ({
  async findLive(now) {
    const iso = now.toISOString();
    return strapi.documents('api::auction.auction').findMany({
      status: 'published',
      // closesAt (the end after soft close) is written at every sync; an auction never synced has only endsAt.
      filters: {
        startsAt: { $lte: iso },
        withdrawnAt: { $null: true },
        $or: [{ closesAt: { $gt: iso } }, { closesAt: { $null: true }, endsAt: { $gt: iso } }],
      },
      populate: { car: { populate: ['photos'] } },
      sort: 'closesAt:asc',
      limit: 100,
    });
  },
});
