import { applyCmsTestEnv } from '@car-auction/test-support/cms-test-env';

// The cms under test: its own SQLite file and port, no demo data, quiet logs.
applyCmsTestEnv({ databaseFilename: '.tmp/e2e.db', logLevel: 'error' });
process.env.SEED_DEMO_DATA = 'false';
process.env.HOST = '127.0.0.1';
process.env.PORT = process.env.E2E_CMS_PORT ?? '1338';
