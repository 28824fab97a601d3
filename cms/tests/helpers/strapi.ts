import path from 'node:path';
import { createStrapi, type Core } from '@strapi/strapi';

const appDir = path.resolve(__dirname, '..', '..');

let instance: Core.Strapi | null = null;

/**
 * Boots the compiled cms (dist/, built by `npm test`'s build:server step)
 * against the test database from jest.setup-env.ts, with its HTTP app mounted
 * so supertest can call it. One instance per test file.
 */
export async function startStrapi(): Promise<Core.Strapi> {
  if (instance) return instance;
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  await strapi.load();
  strapi.server.mount();
  instance = strapi;
  return strapi;
}

export async function stopStrapi(): Promise<void> {
  if (!instance) return;
  const strapi = instance;
  instance = null;
  await strapi.destroy();
}
