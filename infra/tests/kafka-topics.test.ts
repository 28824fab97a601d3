import { Kafka, logLevel } from 'kafkajs';
import { BIDS_PARTITIONS, BIDS_TOPIC } from '@car-auction/contracts';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureTopics } = require('../kafka-topics.cjs');

const kafka = new Kafka({ clientId: 'infra-tests', brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING });
const admin = kafka.admin();

beforeAll(() => admin.connect());
afterAll(() => admin.disconnect());

test('bids exists with exactly the contract partition count', async () => {
  const { topics } = await admin.fetchTopicMetadata({ topics: [BIDS_TOPIC] });
  expect(topics[0]?.partitions).toHaveLength(BIDS_PARTITIONS);
  expect(BIDS_PARTITIONS).toBe(8);
});

test('a topic that exists with another partition count is a clear error', async () => {
  const topic = `infra-test-wrong-count-${Date.now()}`;
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3, replicationFactor: 1 }] });
  try {
    await expect(ensureTopics(admin, [{ topic, numPartitions: 8 }])).rejects.toThrow(
      new RegExp(`topic "${topic}" has 3 partitions but the contract requires 8`),
    );
  } finally {
    await admin.deleteTopics({ topics: [topic] });
  }
});

test('a missing topic is created with the required count', async () => {
  const topic = `infra-test-new-${Date.now()}`;
  try {
    await ensureTopics(admin, [{ topic, numPartitions: 8 }]);
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0]?.partitions).toHaveLength(8);
  } finally {
    await admin.deleteTopics({ topics: [topic] });
  }
});
