import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { Core } from '@strapi/strapi';

/**
 * The demo catalogue's photos (JPEG, named `<car-slug>-<n>.jpg`), found from the
 * app's root so this works compiled (dist/src/seed) and from source (the e2e suite).
 */
export const seedPhotoDir = (strapi: Core.Strapi) => path.join(strapi.dirs.app.root, 'seed', 'photos');

/** Uploads files from the seed photo folder through the upload plugin; returns their ids in order. */
export async function uploadSeedPhotos(strapi: Core.Strapi, names: string[], altText: (name: string) => string): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) {
    const filepath = path.join(seedPhotoDir(strapi), name);
    const { size } = await fs.stat(filepath);
    const [file] = await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name, alternativeText: altText(name), caption: '' } },
        files: { filepath, originalFilename: name, mimetype: 'image/jpeg', size },
      });
    ids.push(file.id);
  }
  return ids;
}
