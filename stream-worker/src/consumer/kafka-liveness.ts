import type { DependencyReading } from '../ops/dependency-health';

export interface KafkaLivenessOptions {
  /** A joined consumer that has heard nothing from the broker for this long counts as cut off. */
  silenceMs: number;
  now?: () => number;
}

/**
 * Whether the bid consumer is in its group and hears from the broker, from
 * kafkajs's instrumentation events. A consumer that loses the broker notices
 * only when its retries run out (a CRASH, several seconds later) or never, if
 * it is waiting in a long fetch, so silence counts too: a joined consumer
 * fetches every few milliseconds (KAFKA_FETCH_MAX_WAIT_MS) and heartbeats every
 * second, even while a chunk waits for the ledger (bid-consumer.ts heartbeats
 * through its retries). A rebalance can be silent for up to the rebalance
 * timeout while the group waits for its members, so silence then is not held
 * against the broker; a broker that goes away mid-rebalance ends in a CRASH.
 */
export function createKafkaLiveness(options: KafkaLivenessOptions) {
  const now = options.now ?? Date.now;
  let joined = false;
  let rebalancing = false;
  let notJoinedBecause = 'not joined to the consumer group yet';
  let lastHeardAt = -Infinity;

  return {
    /** GROUP_JOIN: a member of the group with its assignment. */
    joined(): void {
      joined = true;
      rebalancing = false;
      lastHeardAt = now();
    },
    /** FETCH, HEARTBEAT, COMMIT_OFFSETS: the broker answered. */
    heard(): void {
      lastHeardAt = now();
    },
    /** REBALANCING: the group is reassigning partitions; a GROUP_JOIN follows. */
    rebalancing(): void {
      rebalancing = true;
      lastHeardAt = now();
    },
    /** CRASH or DISCONNECT: out of the group until the next GROUP_JOIN. */
    left(reason: string): void {
      joined = false;
      rebalancing = false;
      notJoinedBecause = reason;
    },
    reading(): DependencyReading {
      if (!joined) return { up: false, reason: notJoinedBecause };
      const silentMs = now() - lastHeardAt;
      if (!rebalancing && silentMs > options.silenceMs) {
        return { up: false, reason: `no answer from the broker for ${Math.round(silentMs / 1000)} s` };
      }
      return { up: true, reason: null };
    },
  };
}
export type KafkaLiveness = ReturnType<typeof createKafkaLiveness>;
