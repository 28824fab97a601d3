import { applyCmsTestEnv } from '@car-auction/test-support/cms-test-env';

// The booted cms: its own SQLite file, real Kafka at KAFKA_BROKERS (started by scripts/test.sh).
applyCmsTestEnv({ databaseFilename: process.env.TEST_DATABASE_FILENAME ?? '.tmp/test.db', logLevel: 'warn' });
process.env.BID_PRODUCE_TIMEOUT_MS = process.env.BID_PRODUCE_TIMEOUT_MS ?? '4000';
