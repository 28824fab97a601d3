import type { Core } from '@strapi/strapi';

/** The field's uid in content-type schemas: `"type": "customField", "customField": "plugin::money.money"`. */
export const MONEY_FIELD = 'money';

/**
 * Money as editors think of it: the panel's input (admin/src) shows and takes
 * an amount in the auction's currency with two decimals; the column stays a
 * biginteger of cents, as the bid path, Redis and the worker read it.
 */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.customFields.register({ name: MONEY_FIELD, plugin: 'money', type: 'biginteger', inputSize: { default: 4, isResizable: true } });
  },
};
