import { z } from 'zod';
import { parseConfig } from '@car-auction/service-support';
import { NOTIFIERS_GROUP, OUTBID_EMAIL_COOLDOWN_MS } from '@car-auction/contracts';

const list = (s: string) =>
  s
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** The notifier's configuration, from environment variables with working defaults for local runs. */
const configSchema = z.object({
  KAFKA_BROKERS: z.string().default('127.0.0.1:9092').transform(list),
  NOTIFIER_GROUP_ID: z.string().min(1).default(NOTIFIERS_GROUP),
  /**
   * Where a group with no committed offsets starts: `earliest` (every event the topic still
   * holds: none is lost to a notifier that joins after the worker) or `latest` (only events
   * from its first join on: for a new group beside an old topic, such as a test's).
   */
  NOTIFIER_START_AT: z.enum(['earliest', 'latest']).default('earliest'),
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).default(10_000),
  MONGO_URL: z.string().startsWith('mongodb').default('mongodb://127.0.0.1:27017/car-auction'),
  /** For the live pushes: the gateways' Socket.IO adapter listens there. */
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  CMS_URL: z.url().default('http://127.0.0.1:1337'),
  /** The cms's service token (the worker's): it may read the contacts mails go to. */
  WORKER_API_TOKEN: z.string().min(1).default('dev-only-worker-api-token-change-me'),
  /** Any SMTP server; Mailpit (infra/mail.sh) in development. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Car Auctions <notifications@car-auction.local>'),
  /** Where the bidding app is, for the links in mails. */
  APP_URL: z.url().default('http://localhost:3000'),
  /** Where this process's HTTP API is reachable by a mail reader's browser, for unsubscribe links. */
  NOTIFIER_PUBLIC_URL: z.url().default('http://localhost:4100'),
  /** Signs unsubscribe links: a link works without logging in, so it must not be forgeable. */
  UNSUBSCRIBE_SECRET: z.string().min(16).default('dev-only-unsubscribe-secret-change-me'),
  NOTIFIER_HOST: z.string().default('0.0.0.0'),
  NOTIFIER_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  CORS_ORIGINS: z.string().default('http://localhost:3000,http://127.0.0.1:3000').transform(list),
  OUTBID_EMAIL_COOLDOWN_MS: z.coerce.number().int().min(0).default(OUTBID_EMAIL_COOLDOWN_MS),
  /** How often the outbox is looked at for mails due. */
  MAIL_TICK_MS: z.coerce.number().int().min(20).default(1_000),
  /** A mail claimed this long ago by a sender that never said how it went (it crashed) is tried again. */
  MAIL_CLAIM_EXPIRES_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(2 * 60_000),
  /** A mail the server keeps refusing for a passing reason is given up after this many tries (about a day of backoff). */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type NotifierConfig = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): NotifierConfig {
  return parseConfig(configSchema, env, 'notifier');
}
