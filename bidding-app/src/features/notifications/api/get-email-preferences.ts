import { useQuery } from '@tanstack/react-query';
import type { EmailPreferences } from '@car-auction/contracts';
import { apiRequest } from '../../../lib/api-client';
import { notificationKeys } from './notification-keys';
import { emailPreferencesAnswerSchema } from '@car-auction/contracts';

/** Which kinds the user is emailed, every kind answered (the defaults where they chose nothing). */
export async function getEmailPreferences(signal?: AbortSignal): Promise<EmailPreferences> {
  const body = await apiRequest('/api/notification-preferences', {
    service: 'notifier',
    auth: 'user',
    schema: emailPreferencesAnswerSchema,
    signal,
  });
  return body.data.email;
}

export const useEmailPreferences = (userId: number) =>
  useQuery({ queryKey: notificationKeys.preferences(userId), queryFn: ({ signal }) => getEmailPreferences(signal) });
