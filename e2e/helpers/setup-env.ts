// The cms under test: its own SQLite file and port, no demo data, quiet logs.
process.env.NODE_ENV = 'test';
process.env.DATABASE_FILENAME = '.tmp/e2e.db';
process.env.SERVE_ADMIN_PANEL = 'false';
process.env.SEED_DEMO_DATA = 'false';
process.env.STRAPI_LOG_LEVEL = process.env.STRAPI_LOG_LEVEL ?? 'error';
process.env.HOST = '127.0.0.1';
process.env.PORT = process.env.E2E_CMS_PORT ?? '1338';
