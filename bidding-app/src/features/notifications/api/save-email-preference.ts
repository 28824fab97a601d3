import type { EmailPreferences, NotificationKind } from '@car-auction/contracts';
import { apiRequest } from '../../../lib/api-client';
import { emailPreferencesAnswerSchema } from '@car-auction/contracts';

/** Turns the email for one kind on or off (only that kind is sent); answers with every choice now in force. */
export async function saveEmailPreference(kind: NotificationKind, on: boolean): Promise<EmailPreferences> {
  const body = await apiRequest('/api/notification-preferences', {
    method: 'PUT',
    body: { email: { [kind]: on } },
    service: 'notifier',
    auth: 'user',
    schema: emailPreferencesAnswerSchema,
  });
  return body.data.email;
}
