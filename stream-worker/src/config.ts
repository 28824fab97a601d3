import { z } from 'zod';
import { parseConfig } from '@car-auction/service-support';
import { BID_WORKERS_GROUP } from '@car-auction/contracts';

/**
 * The worker's configuration, from environment variables with working defaults
 * for local runs. Parsed once at start so a typo fails loudly, not at the first bid.
 */
const configSchema = z.object({
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((s) =>
      s
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    ),
  KAFKA_GROUP_ID: z.string().min(1).default(BID_WORKERS_GROUP),
  /**
   * Partitions worked on at once: their Redis, ledger and Kafka round trips
   * overlap. Order within a partition (so within an auction) is kept.
   */
  KAFKA_PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(64).default(8),
  /** Messages of one partition decided per Redis pipeline, ledger write and commit. */
  DECIDE_CHUNK_SIZE: z.coerce.number().int().min(1).max(10_000).default(1_000),
  // A fetch waits for this many bytes or this long, whichever comes first. With
  // kafkajs's one byte, every new bid ended a fetch at once: a fetch, a chunk and
  // an offset commit per bid under moderate load, which made the broker the
  // busiest process on the machine. 20 ms of gathering halved the bench's
  // bid-to-push latency and doubled the bids/s the whole system takes.
  KAFKA_FETCH_MIN_BYTES: z.coerce.number().int().min(1).max(1_048_576).default(65_536),
  KAFKA_FETCH_MAX_WAIT_MS: z.coerce.number().int().min(0).max(5_000).default(20),
  /** How soon the group notices a dead member (Kafka's minimum is 6 s). */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).default(10_000),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  MONGO_URL: z.string().startsWith('mongodb').default('mongodb://127.0.0.1:27017/car-auction'),
  CMS_URL: z.url().default('http://127.0.0.1:1337'),
  WORKER_API_TOKEN: z.string().min(1).default('dev-only-worker-api-token-change-me'),
  GATEWAY_HOST: z.string().default('0.0.0.0'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Which parts run in this process: both by default; split them to scale separately. */
  WORKER_ROLES: z
    .string()
    .default('consumer,gateway')
    .transform((s) => new Set(s.split(',').map((r) => r.trim())))
    .refine((roles) => [...roles].every((r) => r === 'consumer' || r === 'gateway') && roles.size > 0, {
      message: 'must list consumer and/or gateway',
    }),
  CORS_ORIGINS: z
    .string()
    .default('http://localhost:3000,http://127.0.0.1:3000,http://localhost:1337,http://127.0.0.1:1337')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /**
   * How long after an auction's end its partition must have been read to the end
   * before it closes: the cms's produce timeout plus clock skew, so a bid stamped
   * before the end but acknowledged late is still counted.
   */
  CLOSE_GRACE_MS: z.coerce.number().int().min(0).default(6_000),
  CLOSE_CHECK_INTERVAL_MS: z.coerce.number().int().min(50).default(1_000),
  /** How often the events no bid causes (closes, withdrawals, ending-soon reminders) are looked for and produced. */
  EVENTS_TICK_MS: z.coerce.number().int().min(50).default(1_000),
  /** At most one post-back request to the cms per interval, carrying the latest state of every auction changed since. */
  POSTBACK_INTERVAL_MS: z.coerce.number().int().min(0).default(1_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type WorkerConfig = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return parseConfig(configSchema, env, 'stream-worker');
}
