import type { Core } from '@strapi/strapi';

/** Published auctions with startsAt <= now < endsAt, soonest-ending first. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async findLive(now: Date) {
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
