import type { Core, Modules } from '@strapi/strapi';
import { Redis } from 'ioredis';
import { AuctionHashError, DEFAULT_SOFT_CLOSE_MS, auctionStateKey, parseAuctionHash, type AuctionHash } from '@car-auction/contracts';
import { loadAuctionLibrary, syncAuctionConfig, withdrawAuction } from '@car-auction/service-support';
import { centsFromDb } from '../../../bids/cents';
import type { AuctionSnapshot } from '../../../bids/bid-rules';
import { tiersOf, type IncrementTableRow } from '../../../documents/increment-tables';

export class AuctionStateUnavailableError extends Error {}

/** The stored fields of a published auction that make its configuration in Redis (of a document-service row). */
type AuctionConfigRow = Modules.Documents.AnyDocument & {
  startsAt: string | Date;
  endsAt: string | Date;
  /** Money is biginteger: the database returns it as a string. */
  startingPrice: unknown;
  minIncrement: unknown;
  reservePrice?: unknown;
  softCloseSeconds?: number | null;
  softCloseCapSeconds?: number | null;
  /** Populated (AUCTION_CONFIG_POPULATE); null when the auction uses its fixed minIncrement. */
  incrementTable?: IncrementTableRow | null;
  /** Set by an admin's "end now" and "withdraw" (src/plugins/auction-admin). */
  endedEarlyAt?: string | Date | null;
  withdrawnAt?: string | Date | null;
};

/** Everything the configuration needs beyond the auction's own fields: its increment table's tiers. */
const AUCTION_CONFIG_POPULATE = { incrementTable: { populate: ['tiers'] } } as never;

export interface AuctionStateService {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Re-reads the auction from the database and writes its configuration to Redis. */
  sync(documentId: string): Promise<void>;
  syncAllPublished(): Promise<number>;
  /** The auction as the bid endpoint must judge it: config and the worker's latest state. */
  snapshotForBid(documentId: string): Promise<AuctionSnapshot | null>;
  /** The shared connection, for other Redis-backed checks on the bid path (rate limits). */
  redis(): Redis;
  /** Whether the connection is up now. While it is not, the bid path answers 503 at once instead of waiting. */
  redisReady(): boolean;
}

/**
 * The cms owns each auction's configuration in Redis (times, prices, reserve,
 * soft close and its cap, the increment table's tiers); the worker owns the bid state in the same hash. Configuration is
 * written whenever an auction or its increment table changes (document
 * middlewares, src/documents/) and
 * for every published auction at start, so the worker never asks Strapi per bid.
 */
export default ({ strapi }: { strapi: Core.Strapi }): AuctionStateService => {
  const { url } = strapi.config.get('redis') as { url: string };
  let redis: Redis | null = null;

  const client = () => {
    if (!redis) {
      redis = new Redis(url, {
        lazyConnect: true,
        // Commands queued while Redis is away fail after one reconnect attempt; the bid path
        // does not even queue (snapshotForBid checks the connection first).
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        enableOfflineQueue: true,
        // A Redis that hangs instead of closing the connection fails a command after this long.
        commandTimeout: 3000,
        // ioredis reconnects forever; at most a second apart, so a Redis that is back is used within a second.
        retryStrategy: (attempts) => Math.min(attempts * 100, 1000),
      });
      const connection = redis;
      connection.on('error', (err) => strapi.log.warn(`redis: ${err.message}`));
      // Each (re)connection loads the auction library: a Redis restarted without its data has none.
      // A call that still finds it missing loads it itself (service-support's auction-library.ts).
      let readyBefore = false;
      connection.on('ready', () => {
        loadAuctionLibrary(connection).catch((err: Error) => strapi.log.warn(`auction library not loaded into Redis: ${err.message}`));
        // Back after an outage: an auction or increment table edited meanwhile could not reach
        // Redis (the edit itself succeeded), so every published auction is written again.
        if (readyBefore && redis === connection) {
          service
            .syncAllPublished()
            .then((count) => strapi.log.info(`redis back: synced ${count} published auctions`))
            .catch((err: Error) => strapi.log.warn(`redis back, but the auctions were not synced: ${err.message}`));
        }
        readyBefore = true;
      });
    }
    return redis;
  };

  const writeConfig = async (documentId: string, row: AuctionConfigRow | null) => {
    const r = client();
    // Unpublished or deleted: keep the state (for the ledger's sake), refuse new bids.
    if (!row) return withdrawAuction(r, documentId);
    const effectiveEnd = await syncAuctionConfig(r, documentId, {
      startsAt: new Date(row.startsAt).getTime(),
      endsAt: new Date(row.endsAt).getTime(),
      startingPrice: centsFromDb(row.startingPrice) ?? 0,
      minIncrement: centsFromDb(row.minIncrement) ?? 1,
      reservePrice: centsFromDb(row.reservePrice) ?? 0,
      softCloseMs: row.softCloseSeconds == null ? DEFAULT_SOFT_CLOSE_MS : row.softCloseSeconds * 1000,
      softCloseCapMs: (row.softCloseCapSeconds ?? 0) * 1000,
      incrementTiers: tiersOf(row.incrementTable),
      withdrawn: Boolean(row.withdrawnAt),
      hardEndAt: row.endedEarlyAt ? new Date(row.endedEarlyAt).getTime() : 0,
    });
    // The end after soft close, for lists and pages (the worker's post-backs keep it current).
    // Through the query engine: the document middleware must not see it as an edit.
    await strapi.db.query('api::auction.auction').updateMany({
      where: { documentId, $or: [{ closesAt: { $null: true } }, { closesAt: { $ne: new Date(effectiveEnd) } }] },
      data: { closesAt: new Date(effectiveEnd) },
    });
  };

  const loadPublished = (documentId: string) =>
    strapi
      .documents('api::auction.auction')
      .findOne({ documentId, status: 'published', populate: AUCTION_CONFIG_POPULATE }) as Promise<AuctionConfigRow | null>;

  const service: AuctionStateService = {
    redis: () => client(),
    redisReady: () => client().status === 'ready',

    async start() {
      // The seed's writes may have opened the connection already (a lazy connection opens on first use).
      const r = client();
      if (r.status === 'wait') await r.connect().catch((err) => strapi.log.warn(`redis not reachable yet: ${err.message}`));
      const count = await service.syncAllPublished().catch((err) => {
        strapi.log.warn(`auction configuration not synced to Redis at start: ${err.message}`);
        return 0;
      });
      strapi.log.info(`synced ${count} published auctions to Redis`);
    },

    async stop() {
      const r = redis;
      redis = null;
      await r?.quit().catch(() => r.disconnect());
    },

    async sync(documentId) {
      await writeConfig(documentId, await loadPublished(documentId));
    },

    async syncAllPublished() {
      let count = 0;
      const pageSize = 200;
      for (let start = 0; ; start += pageSize) {
        const rows = await strapi.documents('api::auction.auction').findMany({
          status: 'published',
          populate: AUCTION_CONFIG_POPULATE,
          start,
          limit: pageSize,
        });
        for (const row of rows) await writeConfig(row.documentId, row as AuctionConfigRow);
        count += rows.length;
        if (rows.length < pageSize) return count;
      }
    },

    async snapshotForBid(documentId) {
      // Null: no configuration in Redis; AuctionHashError: one the library did not write whole
      // (an older version's, not synced since).
      const read = async (): Promise<AuctionHash | null> => parseAuctionHash(await client().hgetall(auctionStateKey(documentId)));
      let hash: AuctionHash | null;
      // Not connected (Redis down, or reconnecting): say so now. A queued command would
      // hold the bidder for a reconnect attempt or two and then fail anyway.
      if (!service.redisReady()) throw new AuctionStateUnavailableError(`redis is ${client().status}`);
      try {
        hash = await read().catch((err: unknown) => {
          if (err instanceof AuctionHashError) return null;
          throw err;
        });
        if (hash === null) {
          // Not in Redis (flushed, or created while Redis was away) or not whole: heal from the database.
          const row = await loadPublished(documentId);
          if (!row) return null;
          await writeConfig(documentId, row);
          hash = await read();
        }
      } catch (err) {
        throw new AuctionStateUnavailableError((err as Error).message);
      }
      if (hash === null) return null;
      // Withdrawn in Redis: by an admin (still published, and bidders are told so) or unpublished (not found).
      if (hash.config.withdrawn) {
        const published = await loadPublished(documentId).catch((err: Error) => {
          throw new AuctionStateUnavailableError(err.message);
        });
        if (!published) return null;
      }
      // The effective end and the minimum next bid as the library's rules computed and stored them.
      return {
        startsAt: hash.config.startsAt,
        endsAt: hash.effectiveEnd,
        minimumNextBid: hash.minNextBid,
        closed: hash.state.closedAs !== null,
        withdrawn: hash.config.withdrawn,
        currentPrice: hash.state.currentPrice,
        leaderId: hash.state.leaderId,
        bidCount: hash.state.bidCount,
      };
    },
  };
  return service;
};
