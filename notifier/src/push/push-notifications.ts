import type { Emitter } from '@socket.io/redis-emitter';
import { userRoom, type ServerToClientEvents } from '@car-auction/contracts';
import { toView, unreadCount } from '../http/user-routes';
import type { Logger } from '../log';
import type { NotificationDoc, NotifierModels } from '../store/models';

/**
 * Tells each user's open tabs about their new notifications, through the
 * gateways' Redis adapter (room user:<id>), with the unread count the bell
 * shows. Best effort: a tab that missed a push reads the list when it opens.
 * One drain at a time, one count per user per round: batches recorded while
 * it runs are queued and merged, so a burst costs the store one count per
 * user, not one per user and batch.
 */
export function notificationPusher(emitter: Emitter<ServerToClientEvents>, models: Pick<NotifierModels, 'notifications'>, log: Logger) {
  const queued = new Map<number, NotificationDoc[]>();
  let draining = false;

  const drain = async () => {
    draining = true;
    try {
      while (queued.size > 0) {
        const [userId, docs] = queued.entries().next().value as [number, NotificationDoc[]];
        queued.delete(userId);
        const unread = await unreadCount(models, userId);
        // Oldest first, each with the count as it stands now.
        for (const doc of docs) emitter.to(userRoom(userId)).emit('notification:created', { notification: toView(doc), unread });
      }
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'could not push notifications');
    } finally {
      draining = false;
    }
  };

  return (created: NotificationDoc[]) => {
    for (const doc of created) {
      const docs = queued.get(doc.userId);
      if (docs) docs.push(doc);
      else queued.set(doc.userId, [doc]);
    }
    if (!draining && queued.size > 0) void drain();
  };
}
