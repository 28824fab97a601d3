import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fieldError, relationTarget, same, type Row } from './field-values';
import { fromPeople } from './system-writes';

const SALE_UID = 'api::sale.sale';

/** What an admin follows up on a sale; everything else is the record of the auction's close. */
export const SALE_FOLLOW_UP_FIELDS = ['paymentStatus', 'notes'] as const;

/** Fields the panel's form sends that are not the sale's own data. */
const BOOKKEEPING = new Set([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
]);

/**
 * Sales, through the document service from people (the panel, the content
 * API): the cms records them when an auction closes sold (sale-recorder, as a
 * system write);
 * an admin may change the payment status and the notes, nothing else. The
 * cms's own code writes them freely.
 */
export const saleEditRules =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (context.uid !== SALE_UID || !fromPeople(strapi)) return next();
    if (context.action === 'create' || context.action === 'clone') {
      throw new errors.ForbiddenError('A sale is recorded by the system when its auction closes sold; it cannot be created by hand.');
    }
    if (context.action !== 'update') return next();
    const params = (context.params ?? {}) as { documentId?: string; data?: Row };
    const data = params.data ?? {};
    const stored = params.documentId
      ? ((await strapi.db.query(SALE_UID).findOne({ where: { documentId: params.documentId } })) as Row | null)
      : null;
    for (const [field, value] of Object.entries(data)) {
      if (BOOKKEEPING.has(field) || (SALE_FOLLOW_UP_FIELDS as readonly string[]).includes(field)) continue;
      const relation = value !== null && typeof value === 'object' && !(value instanceof Date);
      if ((relation && relationTarget(value, null) === null) || (stored && field in stored && same(value, stored[field]))) {
        delete data[field];
        continue;
      }
      throw fieldError(field, 'Only the payment status and the notes of a sale can change: the rest records how its auction closed.');
    }
    return next();
  };
