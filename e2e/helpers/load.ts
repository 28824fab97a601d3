import { randomUUID } from 'node:crypto';
import { runSeed, seededRandom } from '@car-auction/test-support/random';
import { sleep } from '@car-auction/test-support/wait';
import { placeBid, pooled, type Bidder, type PlaceBidOptions, type PlacedBid } from './bidders';

export { sleep };

export interface StreamOptions extends Omit<PlaceBidOptions, 'maxAmount'> {
  /** The share of bids that carry a maximum (proxy bids); 0.3 unless given. */
  proxyShare?: number;
}

/** Proxy bids' maximums: this many increments at most above their amount. */
const MAX_STEPS_ABOVE = 30;

/**
 * A paced stream of bids over several auctions: `waves` waves of `perWave` bids,
 * one wave every `everyMs` (or as soon as the last one finished, if slower).
 * Amounts mostly rise, with jitter, so a share of bids lose to ones decided a
 * moment earlier; a share (30 % by default) carry a maximum a few increments
 * above their amount, so maximums answer later bids, meet each other and are
 * raised by their leaders. Bounded by its arguments. Amounts, maximums and
 * bidders are drawn from a seeded generator (TEST_SEED overrides the seed), so
 * a failing run can be repeated with the same bids.
 */
export async function streamBids(
  bidders: Bidder[],
  auctionIds: string[],
  waves: number,
  perWave: number,
  everyMs: number,
  { proxyShare = 0.3, ...options }: StreamOptions = {},
): Promise<PlacedBid[]> {
  const random = seededRandom(runSeed(1));
  const placed: PlacedBid[] = [];
  const ladder = new Map(auctionIds.map((id) => [id, 10_000]));
  for (let wave = 0; wave < waves; wave++) {
    const started = Date.now();
    const tasks = Array.from({ length: perWave }, (_, i) => {
      const auctionId = auctionIds[(wave * perWave + i) % auctionIds.length]!;
      const base = ladder.get(auctionId)! + 100;
      ladder.set(auctionId, base);
      const amount = base + Math.floor(random() * 5) * 100;
      const bidder = bidders[Math.floor(random() * bidders.length)]!;
      const maxAmount = random() < proxyShare ? amount + (1 + Math.floor(random() * MAX_STEPS_ABOVE)) * 100 : undefined;
      // Every bid carries a key, as the app's do: a 503 then names the bid that may still count.
      return () => placeBid(bidder, auctionId, amount, randomUUID(), { ...options, maxAmount });
    });
    placed.push(...(await pooled(tasks, 20)));
    await sleep(Math.max(0, everyMs - (Date.now() - started)));
  }
  return placed;
}
