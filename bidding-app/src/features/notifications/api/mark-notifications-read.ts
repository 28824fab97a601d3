import { apiRequest } from '../../../lib/api-client';
import { unreadAnswerSchema } from '@car-auction/contracts';

/** Which to mark read: these ids, or every one. */
export type ReadTarget = { ids: string[] } | { all: true };

/** Marks notifications read; answers with the unread count left. */
export async function markNotificationsRead(target: ReadTarget): Promise<number> {
  const body = await apiRequest('/api/notifications/read', {
    method: 'POST',
    body: target,
    service: 'notifier',
    auth: 'user',
    schema: unreadAnswerSchema,
  });
  return body.data.unread;
}
