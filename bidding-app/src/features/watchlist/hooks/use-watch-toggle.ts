import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router-dom';
import { useToast } from '../../../components/toast-provider';
import { messageOf } from '../../../lib/api-client';
import { loginPath } from '../../../lib/auth-paths';
import { setWatching } from '../api/set-watching';
import { applyWatchers, applyWatching } from '../watch-cache';

/**
 * Watches or unwatches one auction, shown at once and undone if the notifier
 * refuses (its message is toasted as written). Logged out, the toggle leads
 * to the login page, which comes back here.
 */
export function useWatchToggle(auctionId: string, userId: number | null) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const location = useLocation();

  const mutation = useMutation({
    mutationFn: (watching: boolean) => setWatching(auctionId, watching),
    onMutate: (watching) => ({ undo: userId === null ? null : applyWatching(queryClient, userId, auctionId, watching) }),
    onSuccess: (answer) => {
      if (userId !== null) applyWatchers(queryClient, userId, answer);
    },
    onError: (err, _watching, context) => {
      context?.undo?.();
      toast({ tone: 'error', title: 'Your watchlist was not changed', message: messageOf(err) });
    },
  });

  const toggle = (watching: boolean) => {
    if (userId === null) return void navigate(loginPath(`${location.pathname}${location.search}`));
    mutation.mutate(watching);
  };
  return { toggle, isPending: mutation.isPending };
}
