import type { Kafka } from 'kafkajs';
import { createKafkaClient as kafkaClientFor } from '@car-auction/service-support';
import type { Logger } from '../log';

/**
 * The process's one Kafka client. The bid consumer, the producer (dead
 * letters, auction events) and the one admin (committed offsets for the
 * consumer, high watermarks for the closer) all come from it, so they share
 * one broker list, one client id and one log adapter.
 */
export const createKafkaClient = (brokers: string[], log: Logger): Kafka => kafkaClientFor('stream-worker', brokers, log);
