import type { Core, Modules } from '@strapi/strapi';
import { getService } from '../utils/get-service';

/** Document actions after which an auction's configuration in Redis must be rewritten. */
const AUCTION_CHANGES = new Set(['create', 'update', 'publish', 'unpublish', 'delete', 'discardDraft']);

/** Rewrites these auctions' configuration in Redis; a failure is logged, not thrown (see below). */
export async function resyncAuctions(strapi: Core.Strapi, documentIds: Iterable<string>): Promise<void> {
  const state = getService(strapi, 'api::auction.auction-state');
  for (const documentId of documentIds) {
    await state
      .sync(documentId)
      .catch((err: Error) => strapi.log.warn(`auction ${documentId}: configuration not synced to Redis: ${err.message}`));
  }
}

/**
 * Whoever changes an auction (admin panel, REST, seed), the worker's copy of its
 * configuration follows. A Redis failure is logged, not thrown: the edit is
 * saved, and the bid endpoint heals a missing configuration on first use.
 */
export const auctionConfigSync =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    const result = await next();
    if (context.uid === 'api::auction.auction' && AUCTION_CHANGES.has(context.action)) {
      const documentId =
        (context.params as { documentId?: string } | undefined)?.documentId ?? (result as { documentId?: string } | null)?.documentId;
      if (documentId) await resyncAuctions(strapi, [documentId]);
    }
    return result;
  };
