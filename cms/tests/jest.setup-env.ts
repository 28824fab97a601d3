// Test configuration for the booted cms: its own SQLite file, no admin panel
// build needed, quiet logs. Real Kafka at KAFKA_BROKERS (started by scripts/test.sh).
process.env.NODE_ENV = 'test';
process.env.DATABASE_FILENAME = process.env.TEST_DATABASE_FILENAME ?? '.tmp/test.db';
process.env.SERVE_ADMIN_PANEL = 'false';
process.env.STRAPI_LOG_LEVEL = process.env.STRAPI_LOG_LEVEL ?? 'warn';
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
process.env.BID_PRODUCE_TIMEOUT_MS = process.env.BID_PRODUCE_TIMEOUT_MS ?? '4000';
// The pipeline tests fire bursts far above a person's rate; the rate-limit tests set their own limits.
process.env.BID_RATE_LIMIT_PER_BIDDER = '1000000';
process.env.BID_RATE_LIMIT_PER_IP = '1000000';
