import { PriceTag } from '@strapi/icons';
import { formatMoneyColumns } from './money-columns';

const PLUGIN_ID = 'money';

/** The money field in the panel: the input (MoneyInput) and, in every list, money columns shown as amounts. */
export default {
  register(app: {
    registerPlugin(plugin: { id: string; name: string }): void;
    customFields: { register(field: Record<string, unknown>): void };
  }) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Money' });
    app.customFields.register({
      name: 'money',
      pluginId: PLUGIN_ID,
      type: 'biginteger',
      icon: PriceTag,
      intlLabel: { id: 'money.field.label', defaultMessage: 'Money' },
      intlDescription: {
        id: 'money.field.description',
        defaultMessage: "An amount in the auction's currency, with two decimals; stored as whole cents",
      },
      components: { Input: async () => import('./MoneyInput') },
    });
  },
  bootstrap(app: { registerHook(name: string, fn: (...args: never[]) => unknown): void }) {
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', formatMoneyColumns as never);
  },
};
