import type { Emitter } from '@socket.io/redis-emitter';
import { userRoom, type ServerToClientEvents } from '@car-auction/contracts';
import { toView, unreadCount } from '../http/user-routes';
import type { Logger } from '../log';
import type { NotificationDoc, NotifierModels } from '../store/models';

/**
 * Tells each user's open tabs about their new notifications, through the
 * gateways' Redis adapter (room user:<id>), with the unread count the bell
 * shows. Best effort: a tab that missed a push reads the list when it opens.
 */
export function notificationPusher(emitter: Emitter<ServerToClientEvents>, models: Pick<NotifierModels, 'notifications'>, log: Logger) {
  return (created: NotificationDoc[]) => {
    const byUser = new Map<number, NotificationDoc[]>();
    for (const doc of created) byUser.set(doc.userId, [...(byUser.get(doc.userId) ?? []), doc]);
    void (async () => {
      for (const [userId, docs] of byUser) {
        const unread = await unreadCount(models, userId);
        // Oldest first, each with the count as it stands now.
        for (const doc of docs) emitter.to(userRoom(userId)).emit('notification:created', { notification: toView(doc), unread });
      }
    })().catch((err: unknown) => log.warn({ err: (err as Error).message }, 'could not push notifications'));
  };
}
