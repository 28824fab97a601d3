import { Kafka, logLevel, type logCreator } from 'kafkajs';

/** Where kafkajs's warnings and errors go: the cms's Strapi logger or the worker's pino. */
export interface KafkaLogSink {
  error(message: string, extra: Record<string, unknown>): void;
  warn(message: string, extra: Record<string, unknown>): void;
}

/**
 * A kafkajs `logCreator` that hands each entry to the process's own logger, so
 * the client's complaints (a broker gone, a rebalance) appear in the same
 * structured log as everything else instead of kafkajs's console output.
 * Entries below WARN are dropped: the client's info lines are per request.
 */
export const kafkaLogCreator =
  (sink: KafkaLogSink): logCreator =>
  () =>
  ({ level, log }) => {
    const { message, ...extra } = log;
    if (level <= logLevel.ERROR) sink.error(`kafkajs: ${message}`, extra);
    else if (level === logLevel.WARN) sink.warn(`kafkajs: ${message}`, extra);
  };

/** What a pino-style logger offers: context first, then the message. */
export interface PinoStyleLog {
  error(context: object, message: string): void;
  warn(context: object, message: string): void;
}

/**
 * A process's one Kafka client, its warnings and errors in the process's pino
 * log as `{ kafka: <entry> }` with the message, not on the console.
 */
export function createKafkaClient(clientId: string, brokers: string[], log: PinoStyleLog): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator({
      error: (message, extra) => log.error({ kafka: extra }, message),
      warn: (message, extra) => log.warn({ kafka: extra }, message),
    }),
  });
}
