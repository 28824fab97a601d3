/** The fields of an auction's edit-view document the actions look at. */
export interface ActionableAuction {
  publishedAt?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  closesAt?: string | null;
  saleStatus?: string | null;
  endedEarlyAt?: string | null;
  withdrawnAt?: string | null;
}

/** Why an action cannot be taken on this auction now, or null when it can (the cms checks again, with the engine's state). */
export function whyNot(action: 'end' | 'withdraw', auction: ActionableAuction | null | undefined, now: number): string | null {
  if (!auction?.publishedAt) return 'Publish the auction first.';
  if (auction.withdrawnAt) return 'It was withdrawn.';
  if (auction.saleStatus === 'sold' || auction.saleStatus === 'unsold') return 'It has closed.';
  if (auction.endedEarlyAt) return 'It was ended early.';
  const end = Date.parse(auction.closesAt ?? auction.endsAt ?? '');
  if (Number.isFinite(end) && now >= end) return 'It has ended.';
  const start = Date.parse(auction.startsAt ?? '');
  if (action === 'end' && Number.isFinite(start) && now < start) return 'It has not started: withdraw it instead.';
  return null;
}

/** The message of a failed admin-API call, as Strapi's error envelope carries it. */
export function failureMessage(err: unknown): string {
  const body = (err as { response?: { data?: { error?: { message?: unknown } } } }).response?.data;
  const message = body?.error?.message;
  return typeof message === 'string' && message !== '' ? message : 'The action failed; try again.';
}
