import { logLevel, type logCreator } from 'kafkajs';

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
