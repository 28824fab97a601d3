import type { QueryClient } from '@tanstack/react-query';
import type { AuctionWatchers, WatchView } from '@car-auction/contracts';
import { watchKeys } from './api/watch-keys';

const newestFirst = (a: WatchView, b: WatchView) => b.since.localeCompare(a.since);

/**
 * Shows the user watching (or not) at once, in their list and in the
 * auction's count. Returns the undo, which puts back only this auction's
 * entries: another auction toggled meanwhile keeps its own change.
 */
export function applyWatching(queryClient: QueryClient, userId: number, auctionId: string, watching: boolean): () => void {
  const listKey = watchKeys.list(userId);
  const countKey = watchKeys.watchers(auctionId, userId);
  const listed = queryClient.getQueryData<WatchView[]>(listKey)?.find((w) => w.auctionId === auctionId);
  const counted = queryClient.getQueryData<AuctionWatchers>(countKey);

  queryClient.setQueryData<WatchView[]>(listKey, (list) => {
    if (!list) return list;
    const without = list.filter((w) => w.auctionId !== auctionId);
    return watching ? [listed ?? { auctionId, since: new Date().toISOString() }, ...without] : without;
  });
  queryClient.setQueryData<AuctionWatchers>(countKey, (count) => {
    if (!count || count.watching === watching) return count;
    // Only a known "not watching" becomes one more watcher (null: asked without a token).
    const change = count.watching === null ? 0 : watching ? 1 : -1;
    return { ...count, watching, watchers: Math.max(0, count.watchers + change) };
  });

  return () => {
    queryClient.setQueryData<WatchView[]>(listKey, (list) => {
      if (!list) return list;
      const without = list.filter((w) => w.auctionId !== auctionId);
      return listed ? [...without, listed].sort(newestFirst) : without;
    });
    queryClient.setQueryData(countKey, counted);
  };
}

/** The notifier's answer to a watch or unwatch: the count and standing now. */
export function applyWatchers(queryClient: QueryClient, userId: number, answer: AuctionWatchers): void {
  queryClient.setQueryData(watchKeys.watchers(answer.auctionId, userId), answer);
}
