#!/usr/bin/env node
// Ensures the Kafka topics exist with the partition counts the contract fixes.
// An existing `bids` with another partition count is an error: the key -> partition
// mapping would differ from what every producer and consumer assumes.
'use strict';

const { Kafka, logLevel } = require('kafkajs');
const {
  BIDS_TOPIC,
  BIDS_PARTITIONS,
  BIDS_DEAD_LETTER_TOPIC,
  AUCTION_EVENTS_TOPIC,
  AUCTION_EVENTS_PARTITIONS,
} = require('@car-auction/contracts');

const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
const wanted = [
  { topic: BIDS_TOPIC, numPartitions: BIDS_PARTITIONS },
  { topic: BIDS_DEAD_LETTER_TOPIC, numPartitions: 1 },
  { topic: AUCTION_EVENTS_TOPIC, numPartitions: AUCTION_EVENTS_PARTITIONS },
];

/** Creates the missing topics and checks every one has its required partition count. */
async function ensureTopics(admin, topics) {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t.topic));
  if (missing.length > 0) {
    await admin.createTopics({ waitForLeaders: true, topics: missing.map((t) => ({ ...t, replicationFactor: 1 })) });
    for (const t of missing) console.error(`[infra] kafka: created topic ${t.topic} with ${t.numPartitions} partitions`);
  }
  const metadata = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.topic) });
  for (const t of topics) {
    const found = metadata.topics.find((m) => m.name === t.topic);
    const count = found ? found.partitions.length : 0;
    if (count !== t.numPartitions) {
      throw new Error(
        `topic "${t.topic}" has ${count} partitions but the contract requires ${t.numPartitions}; ` +
          `delete it (or point KAFKA_BROKERS at another cluster) and start again`,
      );
    }
  }
}

async function main() {
  const admin = new Kafka({ clientId: 'infra-topics', brokers, logLevel: logLevel.NOTHING, retry: { retries: 8 } }).admin();
  await admin.connect();
  try {
    await ensureTopics(admin, wanted);
    console.error(`[infra] kafka: topics ok (${wanted.map((t) => `${t.topic}:${t.numPartitions}`).join(', ')})`);
  } finally {
    await admin.disconnect();
  }
}

module.exports = { ensureTopics };

if (require.main === module) {
  main().catch((err) => {
    console.error(`[infra] ERROR: kafka topics: ${err.message}`);
    process.exit(1);
  });
}
