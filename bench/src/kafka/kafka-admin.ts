import { Kafka, Partitioners, logLevel, type Admin, type Producer } from 'kafkajs';
import { BIDS_TOPIC } from '@car-auction/contracts';

export type Offsets = Map<number, number>;

export class BenchKafka {
  readonly kafka: Kafka;
  private adminClient: Admin | null = null;
  /** Consumer groups this run created, deleted again on close. */
  private readonly groups = new Set<string>();

  constructor(brokers: string[]) {
    this.kafka = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING, retry: { retries: 5 } });
  }

  async admin(): Promise<Admin> {
    if (!this.adminClient) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.adminClient = admin;
    }
    return this.adminClient;
  }

  /** The high watermark of every partition of `bids` (or another topic). */
  async topicEnd(topic: string = BIDS_TOPIC): Promise<Offsets> {
    const offsets = await (await this.admin()).fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
  }

  /**
   * Commits `offsets` for a group nobody has joined yet, so its first member
   * starts exactly there (the worker subscribes fromBeginning, which only
   * applies to partitions without a committed offset).
   */
  async positionGroup(groupId: string, offsets: Offsets): Promise<void> {
    this.groups.add(groupId);
    await (
      await this.admin()
    ).setOffsets({
      groupId,
      topic: BIDS_TOPIC,
      partitions: [...offsets].map(([partition, offset]) => ({ partition, offset: String(offset) })),
    });
  }

  async committed(groupId: string, topicName: string = BIDS_TOPIC): Promise<Offsets> {
    const [topic] = await (await this.admin()).fetchOffsets({ groupId, topics: [topicName] });
    return new Map((topic?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  }

  /**
   * Messages before `to` not yet committed by the group (on `bids`, or another topic),
   * counted from `from` where the group has committed nothing yet (a group that starts
   * at the end of the topic owes nothing before it).
   */
  async lag(groupId: string, to: Offsets, topic: string = BIDS_TOPIC, from?: Offsets): Promise<number> {
    const committed = await this.committed(groupId, topic);
    let lag = 0;
    for (const [partition, end] of to) {
      const done = Math.max(0, committed.get(partition) ?? 0, from?.get(partition) ?? 0);
      lag += Math.max(0, end - done);
    }
    return lag;
  }

  async producer(): Promise<Producer> {
    // Not idempotent: several sends in flight at once (kafkajs's idempotent producer
    // allows one). On one broker over loopback, with no retries needed, order per
    // partition is kept by the single connection.
    const producer = this.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      maxInFlightRequests: 16,
    });
    await producer.connect();
    return producer;
  }

  async close(): Promise<void> {
    // Best effort: a group whose worker is still shutting down cannot be deleted yet.
    if (this.adminClient && this.groups.size > 0) await this.adminClient.deleteGroups([...this.groups]).catch(() => undefined);
    await this.adminClient?.disconnect().catch(() => undefined);
    this.adminClient = null;
  }
}

export const totalMessages = (from: Offsets, to: Offsets) =>
  [...to].reduce((sum, [p, end]) => sum + Math.max(0, end - (from.get(p) ?? 0)), 0);
