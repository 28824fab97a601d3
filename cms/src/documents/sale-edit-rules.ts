import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fieldError, same, type Row } from './field-values';

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

/** A relation as the Content Manager sends it changes nothing when its connect and disconnect lists are empty. */
const leavesRelation = (value: unknown) => {
  if (value === null || typeof value !== 'object') return false;
  const { connect, disconnect, set } = value as { connect?: unknown[]; disconnect?: unknown[]; set?: unknown[] };
  return set === undefined && (connect?.length ?? 0) === 0 && (disconnect?.length ?? 0) === 0;
};

/**
 * Sales, through the document service from a request (the panel, the content
 * API): the cms records them when an auction closes sold (sale-recorder);
 * an admin may change the payment status and the notes, nothing else. The
 * cms's own code writes them freely.
 */
export const saleEditRules =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (context.uid !== SALE_UID || strapi.requestContext.get() === undefined) return next();
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
      if (leavesRelation(value) || (stored && field in stored && same(value, stored[field]))) {
        delete data[field];
        continue;
      }
      throw fieldError(field, 'Only the payment status and the notes of a sale can change: the rest records how its auction closed.');
    }
    return next();
  };
