import { Kafka, logLevel } from 'kafkajs';
import { kafkaLogCreator } from '@car-auction/service-support';
import type { Logger } from '../log';

/**
 * The process's one Kafka client. The bid consumer, its dead-letter producer
 * and the one admin (committed offsets for the consumer, high watermarks for
 * the closer) all come from it, so they share one broker list, one client id
 * and one log adapter: kafkajs's warnings and errors go to the worker's pino
 * log as `{ kafka: <entry> }` with the message, not to the console.
 */
export function createKafkaClient(brokers: string[], log: Logger): Kafka {
  return new Kafka({
    clientId: 'stream-worker',
    brokers,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator({
      error: (message, extra) => log.error({ kafka: extra }, message),
      warn: (message, extra) => log.warn({ kafka: extra }, message),
    }),
  });
}
