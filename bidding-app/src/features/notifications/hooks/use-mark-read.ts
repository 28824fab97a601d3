import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../../components/toast-provider';
import { messageOf } from '../../../lib/api-client';
import { markNotificationsRead, type ReadTarget } from '../api/mark-notifications-read';
import { notificationKeys } from '../api/notification-keys';
import { applyRead, setUnread } from '../notifications-cache';

/**
 * Marks notifications read, at once on screen. The cache work sits on the
 * mutation, not on one call of it: clicking a notification leaves the page,
 * and the answer must still land. A failure reads the list again, rather than
 * restoring a copy that may predate a notification pushed since.
 */
export function useMarkRead(userId: number) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (target: ReadTarget) => markNotificationsRead(target),
    onMutate: (target) => applyRead(queryClient, userId, target),
    onSuccess: (unread) => setUnread(queryClient, userId, unread),
    onError: (err) => {
      void queryClient.invalidateQueries({ queryKey: notificationKeys.feed(userId) });
      toast({ tone: 'error', title: 'Could not mark as read', message: messageOf(err) });
    },
  });
}
