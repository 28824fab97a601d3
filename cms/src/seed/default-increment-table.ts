import type { Core } from '@strapi/strapi';
import { DEFAULT_CAR_INCREMENT_TABLE_NAME, DEFAULT_CAR_INCREMENT_TIERS } from '@car-auction/contracts';
import { INCREMENT_TABLE_UID } from '../documents/increment-tables';

const SEEDED_FLAG = { type: 'plugin', name: 'car-auction', key: 'default-increment-table-seeded-at' } as const;

/** The default table's documentId, if there is a table of that name. */
export async function findDefaultIncrementTable(strapi: Core.Strapi): Promise<string | null> {
  const table = await strapi.documents(INCREMENT_TABLE_UID).findFirst({
    filters: { name: DEFAULT_CAR_INCREMENT_TABLE_NAME } as never,
    fields: ['documentId'] as never,
  });
  return table?.documentId ?? null;
}

/**
 * Creates the default car increment table once (a flag in Strapi's store
 * remembers it), so an admin's edits, renames or deletion are never undone at
 * the next start. A database that has a table of that name already (created
 * before the flag existed) keeps it as it is.
 */
export async function seedDefaultIncrementTable(strapi: Core.Strapi): Promise<void> {
  if (await strapi.store.get(SEEDED_FLAG)) return;
  if ((await findDefaultIncrementTable(strapi)) === null) {
    await strapi.documents(INCREMENT_TABLE_UID).create({
      data: { name: DEFAULT_CAR_INCREMENT_TABLE_NAME, tiers: DEFAULT_CAR_INCREMENT_TIERS.map((tier) => ({ ...tier })) } as never,
    });
    strapi.log.info(`seeded the increment table "${DEFAULT_CAR_INCREMENT_TABLE_NAME}" (${DEFAULT_CAR_INCREMENT_TIERS.length} tiers)`);
  }
  await strapi.store.set({ ...SEEDED_FLAG, value: new Date().toISOString() });
}
