import type { Core } from '@strapi/strapi';
import { PANEL_LAYOUTS, type PanelLayout } from './panel-layouts';

interface FieldMetadata {
  edit: Record<string, unknown>;
  list: Record<string, unknown>;
}

interface Configuration {
  settings: Record<string, unknown>;
  metadatas: Record<string, FieldMetadata>;
  layouts: { edit: Array<Array<{ name: string; size: number }>>; list: string[] };
}

interface ConfigurationService {
  findContentType?(uid: string): { uid: string } | undefined;
  findComponent?(uid: string): { uid: string } | undefined;
  findConfiguration(model: { uid: string }): Promise<Configuration>;
  updateConfiguration(model: { uid: string }, configuration: Partial<Configuration>): Promise<Configuration>;
}

/** The configuration a layout asks for, on top of the stored one (which keeps what the layout does not say, such as relation main fields). */
export function configurationFor(layout: PanelLayout, current: Configuration): Configuration {
  const readOnly = new Set(layout.readOnly ?? []);
  const hidden = new Set(layout.hidden ?? []);
  const metadatas: Record<string, FieldMetadata> = { ...current.metadatas };
  for (const [name, text] of Object.entries(layout.fields)) {
    const stored = current.metadatas[name] ?? { edit: {}, list: {} };
    metadatas[name] = {
      edit: {
        ...stored.edit,
        label: text.label,
        description: text.description ?? '',
        placeholder: text.placeholder ?? '',
        editable: !readOnly.has(name),
        visible: !hidden.has(name),
        ...(text.mainField ? { mainField: text.mainField } : {}),
      },
      list: { ...stored.list, label: text.column ?? text.label },
    };
  }
  return {
    // Settings are replaced whole by the store: the stored ones are the base.
    settings: {
      ...current.settings,
      mainField: layout.mainField,
      defaultSortBy: layout.defaultSortBy,
      defaultSortOrder: layout.defaultSortOrder,
    },
    metadatas,
    layouts: {
      ...current.layouts,
      edit: layout.edit.map((row) => row.map(([name, size]) => ({ name, size }))),
      list: layout.list,
    },
  };
}

/**
 * Applies every layout of panel-layouts.ts to the Content Manager at each
 * start, after the Content Manager's own sync of stored configurations: the
 * panel reads as the code says, and a change clicked in the panel's "Configure
 * the view" lasts until the next start.
 */
export async function applyContentManagerConfiguration(strapi: Core.Strapi): Promise<void> {
  const contentManager = strapi.plugin('content-manager');
  for (const layout of PANEL_LAYOUTS) {
    const isComponent = !layout.uid.includes('::');
    const service = contentManager.service(isComponent ? 'components' : 'content-types') as ConfigurationService;
    const model = isComponent ? service.findComponent?.(layout.uid) : service.findContentType?.(layout.uid);
    if (!model) throw new Error(`content-manager configuration: no model ${layout.uid}`);
    const current = await service.findConfiguration(model);
    for (const name of [...Object.keys(layout.fields), ...layout.list, ...layout.edit.flat().map(([field]) => field)]) {
      if (!(name in current.metadatas)) throw new Error(`content-manager configuration: ${layout.uid} has no field ${name}`);
    }
    await service.updateConfiguration(model, configurationFor(layout, current));
  }
}
