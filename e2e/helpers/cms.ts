import path from 'node:path';
import { createStrapi, type Core } from '@strapi/strapi';
import { createAuction as createAuctionWith, type AuctionSpec } from '@car-auction/test-support/auctions';
export { moveAuctionEnd } from '@car-auction/test-support/auctions';
import { uploadSeedPhotos } from '../../cms/src/seed/upload-photos';

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

/** An auction as the public REST API sends it, before the app's parsing: Strapi's bigintegers are strings. */
export interface RawPublicAuction {
  currentPrice: string | null;
  bidCount: number;
  endsAt: string;
  saleStatus: string;
  leaderName: string | null;
}

export const fetchPublicAuction = async (id: string): Promise<RawPublicAuction> =>
  ((await (await fetch(`${cmsUrl()}/api/auctions/${id}`)).json()) as { data: RawPublicAuction }).data;

export interface AuctionOptions extends Omit<AuctionSpec, 'photoIds'> {
  /** Files from cms/seed/photos to attach to the car. */
  photos?: string[];
}

/** An auction as these tests expect by default: no soft close, a car labelled E2E. */
export async function createAuction(instance: Core.Strapi, { photos, ...options }: AuctionOptions = {}): Promise<string> {
  const photoIds = photos
    ? await uploadSeedPhotos(instance, photos, (name) => name.replace(/-\d+\.jpg$/, '').replace(/-/g, ' '))
    : undefined;
  return createAuctionWith(instance, { softCloseSeconds: 0, ...options, car: { make: 'E2E', mileage: 5, ...options.car }, photoIds });
}
