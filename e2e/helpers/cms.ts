import path from 'node:path';
import { stat } from 'node:fs/promises';
import { createStrapi, type Core } from '@strapi/strapi';

const appDir = path.resolve(__dirname, '..', '..', 'cms');
export const cmsUrl = () => `http://127.0.0.1:${process.env.PORT}`;

let strapi: Core.Strapi | null = null;

/** Boots the compiled cms and listens on PORT, so workers can post back and check tokens. */
export async function startCms(): Promise<Core.Strapi> {
  if (strapi) return strapi;
  const instance = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  await instance.load();
  await instance.listen();
  strapi = instance;
  return instance;
}

export async function stopCms() {
  const instance = strapi;
  strapi = null;
  await instance?.destroy();
}

export interface AuctionOptions {
  startsInMs?: number;
  endsInMs?: number;
  startingPrice?: number;
  minIncrement?: number;
  reservePrice?: number;
  softCloseSeconds?: number;
  title?: string;
  car?: { make: string; model: string; year: number; mileage?: number };
  /** Files from cms/seed/photos to attach to the car. */
  photos?: string[];
}

async function uploadPhotos(instance: Core.Strapi, names: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) {
    const filepath = path.join(appDir, 'seed', 'photos', name);
    const { size } = await stat(filepath);
    const [file] = await instance.plugin('upload').service('upload').upload({
      data: { fileInfo: { name, alternativeText: name.replace(/-\d+\.jpg$/, '').replace(/-/g, ' '), caption: '' } },
      files: { filepath, originalFilename: name, mimetype: 'image/jpeg', size },
    });
    ids.push(file.id);
  }
  return ids;
}

let counter = 0;
export async function createAuction(instance: Core.Strapi, options: AuctionOptions = {}): Promise<string> {
  const now = Date.now();
  const n = counter++;
  const tag = `${now.toString(36)}${n.toString(36)}`.toUpperCase();
  const car = await instance.documents('api::car.car').create({
    data: {
      make: options.car?.make ?? 'E2E',
      model: options.car?.model ?? tag,
      year: options.car?.year ?? 2010,
      mileage: options.car?.mileage ?? 5,
      mileageUnit: 'km',
      // Digits only: the VIN alphabet has no I, O or Q, and mapping letters could collide.
      vin: `E${now}${String(n % 1000).padStart(3, '0')}`,
      bodyStyle: 'coupe',
      colour: 'Blue',
      transmission: 'manual',
      photos: options.photos ? await uploadPhotos(instance, options.photos) : [],
    } as any,
    status: 'published',
  });
  const auction = await instance.documents('api::auction.auction').create({
    data: {
      title: options.title ?? `E2E ${tag}`,
      car: car.documentId,
      startsAt: new Date(now + (options.startsInMs ?? -60_000)).toISOString(),
      endsAt: new Date(now + (options.endsInMs ?? 3_600_000)).toISOString(),
      startingPrice: options.startingPrice ?? 10_000,
      minIncrement: options.minIncrement ?? 100,
      reservePrice: options.reservePrice,
      softCloseSeconds: options.softCloseSeconds ?? 0,
    } as any,
    status: 'published',
  });
  return auction.documentId;
}
