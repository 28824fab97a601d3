import type { Redis } from 'ioredis';
import { maskName, proxyRowId, type BidMessage } from '@car-auction/contracts';
import { isStateLost, pipelineWithLibrary, queueDecideBid, type DecidedBid } from '@car-auction/service-support';
import { auctionEventsOf } from '../events/auction-events-of';
import type { PublishAuctionEvents } from '../events/event-publisher';
import { appendToLedger, type LedgerEntry, type LedgerModel } from '../ledger/bid-ledger';
import { needing } from '../ops/dependency-error';
import { parseBidMessage, type RawMessage } from './parse-bid';

export interface Decision {
  bid: BidMessage;
  partition: number;
  offset: string;
  decided: DecidedBid;
}

export interface PoisonMessage {
  raw: RawMessage;
  reason: string;
}

export interface DecideDeps {
  redis: Redis;
  ledger: LedgerModel;
  /** Must have stored the messages durably when it resolves. */
  deadLetter(poison: PoisonMessage[]): Promise<void>;
  /** Must have the events on Kafka when it resolves (events/event-publisher.ts). */
  publishEvents: PublishAuctionEvents;
  /** Rebuilds the auction state from the ledger if Redis lost it (see rebuild-from-ledger.ts). */
  ensureState(): Promise<void>;
}

/** A chunk refused because the state was lost is decided again once, after the rebuild. */
const STATE_LOST_ATTEMPTS = 2;

/**
 * Decides a run of messages from one partition, in offset order, and records
 * them. On return every bid is in Redis (decided) and in the ledger, the facts
 * they established are on `auction-events`, and every poison message is on the
 * dead-letter topic: only then may the caller commit.
 * Any failure throws before the commit, so the run is decided again (retried by
 * the consumer, or redelivered), and the Lua step's stored outcomes make the
 * replay write exactly what the first try did. A failure is thrown as a
 * DependencyError naming what failed: Kafka (the dead-letter topic), Redis or
 * the ledger (or, from a rebuild, the cms).
 */
export async function decideBatch(messages: RawMessage[], deps: DecideDeps): Promise<Decision[]> {
  const bids: Extract<ReturnType<typeof parseBidMessage>, { ok: true }>[] = [];
  const poison: PoisonMessage[] = [];
  for (const raw of messages) {
    const parsed = parseBidMessage(raw);
    if (parsed.ok) bids.push(parsed);
    else poison.push({ raw: parsed.raw, reason: parsed.reason });
  }
  if (poison.length > 0) await needing('kafka', () => deps.deadLetter(poison));
  if (bids.length === 0) return [];

  // One round trip: Redis runs the pipelined function calls in order, so offset order holds.
  const decideAll = () =>
    pipelineWithLibrary(
      deps.redis,
      bids.map(({ bid, partition, offset }) =>
        queueDecideBid({
          bidId: bid.bidId,
          auctionId: bid.auctionId,
          partition,
          offset,
          bidderId: bid.bidderId,
          maskedName: maskName(bid.bidderUsername),
          username: bid.bidderUsername,
          amount: bid.amount,
          maxAmount: bid.maxAmount ?? null,
          placedAt: bid.placedAt,
        }),
      ),
    );
  // A rebuild's own failures come tagged with what failed (rebuild-from-ledger.ts); the rest is Redis's.
  const decisions: Decision[] = await needing('redis', async () => {
    let replies = await decideAll();
    for (let attempt = 1; replies.some(([err]) => isStateLost(err)); attempt++) {
      // Redis lost its data: nothing in this chunk was decided against the empty state,
      // or anything that was is gone with it. Rebuild, then decide the chunk afresh.
      if (attempt >= STATE_LOST_ATTEMPTS) throw replies.find(([err]) => isStateLost(err))![0]!;
      await deps.ensureState();
      replies = await decideAll();
    }
    return bids.map(({ bid, partition, offset }, i) => {
      const [err, reply] = replies[i] ?? [new Error('missing reply'), null];
      if (err) throw err;
      return { bid, partition, offset, decided: JSON.parse(reply as string) as DecidedBid };
    });
  });

  // The ledger and the events are independent: written at once, both before the commit.
  const [ledger, events] = await Promise.allSettled([
    needing('mongo', () =>
      appendToLedger(
        deps.ledger,
        decisions.flatMap((d) => ledgerRowsOf(d, new Date())),
      ),
    ),
    needing('kafka', () => deps.publishEvents(auctionEventsOf(decisions))),
  ]);
  if (ledger.status === 'rejected') throw ledger.reason;
  if (events.status === 'rejected') throw events.reason;
  return decisions;
}

/**
 * The rows a decision adds to the ledger: the bid's own, then the automatic bid
 * it made the engine place for the leader, if any (same Kafka position, its id
 * derived from the bid's, so a redelivery writes the same two rows).
 */
export function ledgerRowsOf({ bid, partition, offset, decided }: Decision, decidedAt: Date): LedgerEntry[] {
  const placedAt = new Date(bid.placedAt);
  const own: LedgerEntry = {
    bidId: bid.bidId,
    auctionId: bid.auctionId,
    kind: 'bid',
    bidderId: bid.bidderId,
    bidderUsername: bid.bidderUsername,
    amount: bid.amount,
    maxAmount: bid.maxAmount ?? null,
    price: decided.price ?? null,
    proxyFor: null,
    placedAt,
    partition,
    offset: Number(offset),
    outcome: decided.outcome,
    reason: decided.reason,
    seq: decided.seq,
    after: decided.after ?? null,
    decidedAt,
  };
  const automatic = decided.automatic;
  if (!automatic) return [own];
  return [
    {
      ...own,
      bidId: proxyRowId(bid.bidId),
      kind: 'proxy',
      bidderId: automatic.bidderId,
      bidderUsername: automatic.bidderUsername,
      amount: automatic.amount,
      maxAmount: automatic.maxAmount,
      price: automatic.amount,
      proxyFor: automatic.proxyFor,
      outcome: 'accepted',
      reason: null,
      seq: automatic.seq,
      after: null,
    },
    own,
  ];
}
