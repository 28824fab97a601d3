import { promises as fs } from 'node:fs';
import type { Core } from '@strapi/strapi';
import { DEMO_AUCTIONS, DEMO_CARS } from './demo-catalogue';
import { seedPhotoDir, uploadSeedPhotos } from './upload-photos';
import { findDefaultIncrementTable } from './default-increment-table';

const SEEDED_FLAG = { type: 'plugin', name: 'car-auction', key: 'demo-data-seeded-at' } as const;

async function uploadPhotos(strapi: Core.Strapi, slug: string): Promise<number[]> {
  const names = (await fs.readdir(seedPhotoDir(strapi))).filter((f) => f.startsWith(`${slug}-`) && f.endsWith('.jpg')).sort();
  return uploadSeedPhotos(strapi, names, () => `${slug.replace(/-/g, ' ')} photo`);
}

/**
 * Loads the demo catalogue once (a flag in Strapi's store remembers it), so an
 * editor's deletions are not undone at the next start.
 */
export async function seedDemoData(strapi: Core.Strapi): Promise<void> {
  try {
    await seedOnce(strapi);
  } catch (err) {
    // Name the failing field: Strapi's ValidationError keeps it in details.
    const { message, details } = err as { message?: string; details?: unknown };
    throw new Error(`demo seed failed: ${message} ${JSON.stringify(details ?? {})}`, { cause: err });
  }
}

async function seedOnce(strapi: Core.Strapi): Promise<void> {
  if (await strapi.store.get(SEEDED_FLAG)) return;
  const now = Date.now();
  const hours = (h: number) => new Date(now + h * 3_600_000).toISOString();
  const carIds = new Map<string, string>();
  // Demo auctions bid by the default car table (seeded just before), as an editor would pick it.
  const incrementTable = await findDefaultIncrementTable(strapi);

  for (const car of DEMO_CARS) {
    const { slug, ...fields } = car;
    const photos = await uploadPhotos(strapi, slug);
    const created = await strapi.documents('api::car.car').create({ data: { ...fields, photos }, status: 'published' });
    carIds.set(slug, created.documentId);
  }
  for (const auction of DEMO_AUCTIONS) {
    const { carSlug, startsInHours, endsInHours, result, reservePrice, ...fields } = auction;
    const startsAt = now + startsInHours * 3_600_000;
    const status = result?.status ?? (startsAt <= now ? 'live' : 'scheduled');
    await strapi.documents('api::auction.auction').create({
      data: {
        ...fields,
        car: carIds.get(carSlug),
        incrementTable: incrementTable ?? undefined,
        startsAt: hours(startsInHours),
        endsAt: hours(endsInHours),
        reservePrice: reservePrice ?? undefined,
        currentPrice: result?.currentPrice,
        bidCount: result?.bidCount ?? 0,
        leaderName: result?.leaderName,
        saleStatus: status,
      } as never,
      status: 'published',
    });
  }
  await strapi.store.set({ ...SEEDED_FLAG, value: new Date(now).toISOString() });
  strapi.log.info(`seeded demo data: ${DEMO_CARS.length} cars, ${DEMO_AUCTIONS.length} auctions`);
}
