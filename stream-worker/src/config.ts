import { z } from 'zod';

/**
 * The worker's configuration, from environment variables with working defaults
 * for local runs. Parsed once at start so a typo fails loudly, not at the first bid.
 */
const configSchema = z.object({
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean)),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  MONGO_URL: z.string().startsWith('mongodb').default('mongodb://127.0.0.1:27017/car-auction'),
  CMS_URL: z.url().default('http://127.0.0.1:1337'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
});

export type WorkerConfig = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid stream-worker configuration: ${problems}`);
  }
  return parsed.data;
}
