import { useWatchers } from '../api/get-watchers';
import { useWatchlist } from '../api/get-watchlist';

export interface WatchState {
  watching: boolean;
  /** How many watch; null when not asked (a card) or not known yet. */
  watchers: number | null;
}

/**
 * Whether the user watches an auction. With the count (the auction page):
 * the auction's own answer says both. Without (a card in a list): the user's
 * watchlist, one request for every card, says it.
 */
export function useWatchState(auctionId: string, userId: number | null, withCount: boolean): WatchState {
  const counts = useWatchers(auctionId, userId, withCount);
  const list = useWatchlist(userId, !withCount);
  if (withCount) return { watching: userId !== null && counts.data?.watching === true, watchers: counts.data?.watchers ?? null };
  return { watching: list.data?.some((w) => w.auctionId === auctionId) ?? false, watchers: null };
}
