import type { Core, Modules } from '@strapi/strapi';

export interface LiveAuctionsService {
  /** Published auctions with startsAt <= now < endsAt, soonest-ending first, with car and photos. */
  findLive(now: Date): Promise<Modules.Documents.AnyDocument[]>;
}

export default ({ strapi }: { strapi: Core.Strapi }): LiveAuctionsService => ({
  async findLive(now) {
    const iso = now.toISOString();
    return strapi.documents('api::auction.auction').findMany({
      status: 'published',
      filters: { startsAt: { $lte: iso }, endsAt: { $gt: iso } },
      populate: { car: { populate: ['photos'] } },
      sort: 'endsAt:asc',
      limit: 100,
    });
  },
});
