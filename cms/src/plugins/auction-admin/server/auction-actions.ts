import type { Core } from '@strapi/strapi';
import {
  ADMIN_LIVE_ROOM,
  AUCTION_PENDING_EVENTS_KEY,
  auctionEventIds,
  auctionRoom,
  type AdminActionAnswer,
  type AuctionAdminActionEvent,
  type AuctionEvent,
} from '@car-auction/contracts';
import { AuctionStateUnavailableError } from '../../../api/auction/services/auction-state';
import { roomEmitter } from '../../../realtime/room-emitter';
import { getService } from '../../../utils/get-service';

const AUCTION_UID = 'api::auction.auction';

export type ActionFailure = { ok: false; status: 404 | 409 | 503; code: string; message: string };
export type ActionResult = { ok: true; answer: AdminActionAnswer } | ActionFailure;

export interface AdminUser {
  id: number;
  email?: string;
}

export interface AuctionActionsService {
  /** Ends a live auction at this moment: it closes as sold or unsold by the usual rules, with the bids placed before now. */
  endNow(documentId: string, by: AdminUser): Promise<ActionResult>;
  /** Takes a live or scheduled auction off sale: no more bids, no result; bidders see the reason. */
  withdraw(documentId: string, reason: string, by: AdminUser): Promise<ActionResult>;
}

interface AuctionRow {
  documentId: string;
  endedEarlyAt: string | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  closesAt: string | null;
}

const fail = (status: ActionFailure['status'], code: string, message: string): ActionFailure => ({ ok: false, status, code, message });
const iso = (value: string | number | Date) => new Date(value).toISOString();

/**
 * The two actions write the auction (draft and published rows alike) with one
 * conditional UPDATE, so two admins acting at once cannot both win, then have
 * the configuration in Redis follow (the bid endpoint and the worker judge by
 * it) and tell the auction's watchers and the panel. Both are refused, with
 * nothing written, while the bidding engine's state cannot be read: whether the
 * auction is still running could not be told.
 */
export default ({ strapi }: { strapi: Core.Strapi }): AuctionActionsService => {
  const state = () => getService(strapi, 'api::auction.auction-state');

  /** The published auction and its state in the engine, if an action may still change it. */
  const running = async (documentId: string) => {
    const published = (await strapi.db.query(AUCTION_UID).findOne({
      where: { documentId, publishedAt: { $notNull: true } },
    })) as AuctionRow | null;
    if (!published)
      return fail(404, 'auction_not_found', 'No published auction has this id: only a published auction can be ended or withdrawn.');
    if (published.withdrawnAt)
      return fail(409, 'auction_withdrawn', `This auction was already withdrawn, at ${iso(published.withdrawnAt)}.`);
    let snapshot;
    try {
      snapshot = await state().snapshotForBid(documentId);
    } catch (err) {
      if (!(err instanceof AuctionStateUnavailableError)) throw err;
      return fail(
        503,
        'engine_unavailable',
        'The bidding engine cannot be reached right now, so nothing was changed. Try again in a few seconds.',
      );
    }
    if (!snapshot)
      return fail(
        503,
        'engine_unavailable',
        'The bidding engine does not hold this auction yet, so nothing was changed. Try again in a few seconds.',
      );
    if (snapshot.closed)
      return fail(409, 'auction_closed', 'This auction has already closed: its result stands (a sale can be cancelled under Sales).');
    return { ok: true as const, published, snapshot };
  };

  /** One conditional UPDATE: only an auction neither ended early nor withdrawn meanwhile. */
  const write = async (documentId: string, data: Record<string, unknown>) => {
    const { count } = await strapi.db.query(AUCTION_UID).updateMany({
      where: { documentId, endedEarlyAt: { $null: true }, withdrawnAt: { $null: true } },
      data,
    });
    return count > 0;
  };

  /** The notifier tells the auction's bidders and watchers: the worker that owns the auction produces this (events/event-ticker.ts). */
  const leaveWithdrawnEvent = async (documentId: string, at: number, reason: string) => {
    const event: AuctionEvent = { kind: 'withdrawn', eventId: auctionEventIds.withdrawn(documentId), auctionId: documentId, at, reason };
    await state()
      .redis()
      .hset(AUCTION_PENDING_EVENTS_KEY, event.eventId, JSON.stringify(event))
      .catch((err: Error) => strapi.log.warn(`auction ${documentId}: withdrawn, but its bidders cannot be notified: ${err.message}`));
  };

  /** Redis follows the database; if it cannot just now, the cms re-syncs every auction when it is back. */
  const syncAndTell = async (documentId: string, event: Omit<AuctionAdminActionEvent, 'auctionId'>): Promise<AdminActionAnswer> => {
    let synced = true;
    await state()
      .sync(documentId)
      .catch((err: Error) => {
        synced = false;
        strapi.log.warn(`auction ${documentId}: ${event.action}, but Redis was not told yet: ${err.message}`);
      });
    if (event.action === 'withdrawn') await leaveWithdrawnEvent(documentId, event.at, event.reason ?? '');
    roomEmitter(strapi, state().redis())
      .to([auctionRoom(documentId), ADMIN_LIVE_ROOM])
      .emit('auction:admin-action', { auctionId: documentId, ...event });
    const row = (await strapi.db.query(AUCTION_UID).findOne({
      where: { documentId, publishedAt: { $notNull: true } },
      select: ['documentId', 'endedEarlyAt', 'withdrawnAt', 'withdrawReason', 'closesAt'],
    })) as AuctionRow;
    const text = (value: string | null) => (value === null ? null : iso(value));
    return {
      data: {
        documentId,
        endedEarlyAt: text(row.endedEarlyAt),
        withdrawnAt: text(row.withdrawnAt),
        withdrawReason: row.withdrawReason,
        closesAt: text(row.closesAt),
        synced,
      },
    };
  };

  return {
    async endNow(documentId, by) {
      const found = await running(documentId);
      if (!found.ok) return found;
      if (found.published.endedEarlyAt)
        return fail(409, 'already_ended', `This auction was already ended, at ${iso(found.published.endedEarlyAt)}.`);
      const now = Date.now();
      if (now < found.snapshot.startsAt) {
        return fail(409, 'auction_not_started', 'This auction has not started yet: withdraw it instead, or change its dates.');
      }
      if (now >= found.snapshot.endsAt) {
        return fail(409, 'auction_ended', `This auction already ended, at ${iso(found.snapshot.endsAt)}: it closes within seconds.`);
      }
      if (!(await write(documentId, { endedEarlyAt: new Date(now) }))) {
        return fail(409, 'already_ended', 'Another admin ended or withdrew this auction a moment ago.');
      }
      strapi.log.info(`auction ${documentId} ended now by admin ${by.id}${by.email ? ` (${by.email})` : ''} at ${iso(now)}`);
      return { ok: true, answer: await syncAndTell(documentId, { action: 'ended', at: now, endsAt: now, reason: null }) };
    },

    async withdraw(documentId, reason, by) {
      const found = await running(documentId);
      if (!found.ok) return found;
      const now = Date.now();
      if (now >= found.snapshot.endsAt) {
        return fail(
          409,
          'auction_ended',
          `This auction ended at ${iso(found.snapshot.endsAt)} and is closing: once it has closed, a sale can be cancelled under Sales.`,
        );
      }
      if (!(await write(documentId, { withdrawnAt: new Date(now), withdrawReason: reason, saleStatus: 'withdrawn' }))) {
        return fail(409, 'auction_withdrawn', 'Another admin ended or withdrew this auction a moment ago.');
      }
      strapi.log.info(`auction ${documentId} withdrawn by admin ${by.id}${by.email ? ` (${by.email})` : ''}: ${reason}`);
      return {
        ok: true,
        answer: await syncAndTell(documentId, { action: 'withdrawn', at: now, endsAt: found.snapshot.endsAt, reason }),
      };
    },
  };
};
