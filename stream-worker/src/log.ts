import pino from 'pino';

/** Structured JSON logs; context (auctionId, partition, offset) goes in the object argument. */
export const createLogger = (level: string) => pino({ level, base: { service: 'stream-worker' } });
export type Logger = pino.Logger;
