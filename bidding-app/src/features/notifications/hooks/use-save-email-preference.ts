import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EmailPreferences, NotificationKind } from '@car-auction/contracts';
import { messageOf } from '../../../lib/api-client';
import { notificationKeys } from '../api/notification-keys';
import { saveEmailPreference } from '../api/save-email-preference';

interface Change {
  kind: NotificationKind;
  on: boolean;
}

export type SaveStatus = { state: 'idle' | 'saving' | 'saved' } | { state: 'failed'; message: string };

/**
 * Saves one checkbox as soon as it changes, shown changed at once. Only that
 * kind is set from the answer or put back on failure, so boxes changed just
 * before or after, still saving, stay as the user set them. The status is
 * kept here, not read from the mutation, which tells only of the latest
 * change: a failure of an earlier one must still be said.
 */
export function useSaveEmailPreference(userId: number) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SaveStatus>({ state: 'idle' });
  const pending = useRef(0);
  const key = notificationKeys.preferences(userId);
  const setKind = (kind: NotificationKind, on: boolean) =>
    queryClient.setQueryData<EmailPreferences>(key, (prefs) => (prefs ? { ...prefs, [kind]: on } : prefs));

  const mutation = useMutation({
    mutationFn: ({ kind, on }: Change) => saveEmailPreference(kind, on),
    onMutate: ({ kind, on }) => {
      pending.current += 1;
      setStatus({ state: 'saving' });
      const was = queryClient.getQueryData<EmailPreferences>(key)?.[kind];
      setKind(kind, on);
      return { was };
    },
    onSuccess: (saved, { kind }) => {
      setKind(kind, saved[kind]);
      // Saved once the last change in flight is; a failure stays on screen until the next change.
      const last = pending.current === 1;
      setStatus((s) => (last && s.state !== 'failed' ? { state: 'saved' } : s));
    },
    onError: (err, { kind }, context) => {
      if (context?.was !== undefined) setKind(kind, context.was);
      setStatus({ state: 'failed', message: messageOf(err) });
    },
    onSettled: () => {
      pending.current -= 1;
    },
  });

  return { save: (kind: NotificationKind, on: boolean) => mutation.mutate({ kind, on }), status };
}
