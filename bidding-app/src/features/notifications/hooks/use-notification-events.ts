import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { NotificationCreatedEvent } from '@car-auction/contracts';
import { useToast } from '../../../components/toast-provider';
import { getSocket } from '../../../lib/realtime-socket';
import { seenOnce } from '../../../lib/seen-once';
import { notificationKeys } from '../api/notification-keys';
import { applyCreated } from '../notifications-cache';
import { notificationToast } from '../notification-toast';

/**
 * While a user is logged in, listens to their room for the notifier's new
 * notifications, wherever they are in the app: the bell counts each one and
 * the list gets it first; a toast tells it unless the tab told it already.
 */
export function useNotificationEvents(userId: number | null): void {
  const queryClient = useQueryClient();
  const toast = useToast();

  useEffect(() => {
    if (userId === null) return;
    const socket = getSocket();
    const firstTime = seenOnce();
    let connectedBefore = socket.connected;

    const onCreated = (event: NotificationCreatedEvent) => {
      applyCreated(queryClient, userId, event);
      // Keyed by id, not by whether the list had it: before the list is fetched it has nothing.
      if (!firstTime(event.notification.id)) return;
      const shown = notificationToast(event.notification);
      if (shown) toast(shown);
    };

    // Pushes sent while the connection was down are lost: read the list again after a reconnect.
    const onConnect = () => {
      if (connectedBefore) void queryClient.invalidateQueries({ queryKey: notificationKeys.feed(userId) });
      connectedBefore = true;
    };

    socket.on('notification:created', onCreated);
    socket.on('connect', onConnect);
    return () => {
      socket.off('notification:created', onCreated);
      socket.off('connect', onConnect);
    };
  }, [userId, queryClient, toast]);
}
