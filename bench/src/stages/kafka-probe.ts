import { Partitioners } from 'kafkajs';
import type { BenchContext } from '../context';
import { log } from '../log';
import { BidMessageFactory, BIDS_TOPIC } from '../kafka/bid-messages';
import { newLatencyHistogram, summarise, type LatencySummary } from '../load/histogram';

export interface KafkaProbeResult {
  /** One message per send, one send at a time: the round trip a lone bid waits for. */
  sequentialRoundTrip: LatencySummary;
  /** Many single-message sends at once, as concurrent bids make them. */
  concurrentSingleSends: { messages: number; seconds: number; rate: number };
  /** The same messages in batches of `batchSize`, sent at once. */
  batchedSends: { messages: number; batchSize: number; seconds: number; rate: number };
}

/**
 * What the bid endpoint's producer can do against this broker, measured with a
 * producer configured like the cms's (idempotent, acks from all in-sync
 * replicas, murmur2 partitioner). kafkajs's idempotent producer holds a lock per
 * broker for the whole of each produce request, so one-bid-per-send is capped at
 * one round trip per bid however many bids wait; batching lifts that cap. The
 * messages are real bids on one auction of their own (the live worker decides them).
 */
export async function runKafkaProbe(ctx: BenchContext): Promise<KafkaProbeResult> {
  const { probe } = ctx.plan;
  const factory = new BidMessageFactory(ctx.auctions.probe, ctx.bidders);
  const producer = ctx.kafka.kafka.producer({
    idempotent: true,
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  let index = 0;
  const next = () => factory.message(index++, Date.now());
  try {
    // Warm the connection and the producer id.
    for (let i = 0; i < 20; i++) await producer.send({ topic: BIDS_TOPIC, acks: -1, messages: [next()] });

    const rtt = newLatencyHistogram();
    for (let i = 0; i < probe.sequential; i++) {
      const t = performance.now();
      await producer.send({ topic: BIDS_TOPIC, acks: -1, messages: [next()] });
      rtt.recordValue(Math.max(1, Math.round((performance.now() - t) * 1000)));
    }

    let t = performance.now();
    await Promise.all(Array.from({ length: probe.concurrent }, () => producer.send({ topic: BIDS_TOPIC, acks: -1, messages: [next()] })));
    const singleSeconds = (performance.now() - t) / 1000;

    t = performance.now();
    const batches = Math.ceil(probe.concurrent / probe.batchSize);
    await Promise.all(
      Array.from({ length: batches }, () =>
        producer.send({ topic: BIDS_TOPIC, acks: -1, messages: Array.from({ length: probe.batchSize }, next) }),
      ),
    );
    const batchSeconds = (performance.now() - t) / 1000;

    const result: KafkaProbeResult = {
      sequentialRoundTrip: summarise(rtt),
      concurrentSingleSends: { messages: probe.concurrent, seconds: singleSeconds, rate: Math.round(probe.concurrent / singleSeconds) },
      batchedSends: {
        messages: batches * probe.batchSize,
        batchSize: probe.batchSize,
        seconds: batchSeconds,
        rate: Math.round((batches * probe.batchSize) / batchSeconds),
      },
    };
    log(
      `kafka probe: round trip p50 ${result.sequentialRoundTrip.p50} ms; ${probe.concurrent} concurrent single sends ${result.concurrentSingleSends.rate}/s; ` +
        `in batches of ${probe.batchSize} ${result.batchedSends.rate}/s`,
    );
    return result;
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}
