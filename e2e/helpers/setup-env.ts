// The cms under test: its own SQLite file and port, no demo data, quiet logs.
process.env.NODE_ENV = 'test';
process.env.DATABASE_FILENAME = '.tmp/e2e.db';
process.env.SERVE_ADMIN_PANEL = 'false';
process.env.SEED_DEMO_DATA = 'false';
process.env.STRAPI_LOG_LEVEL = process.env.STRAPI_LOG_LEVEL ?? 'error';
process.env.HOST = '127.0.0.1';
process.env.PORT = process.env.E2E_CMS_PORT ?? '1338';
// The pipeline tests fire bursts far above a person's rate; the rate-limit tests set their own limits.
process.env.BID_RATE_LIMIT_PER_BIDDER = '1000000';
process.env.BID_RATE_LIMIT_PER_IP = '1000000';
