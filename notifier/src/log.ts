import pino from 'pino';

/** Structured JSON logs; context (auctionId, eventId, userId) goes in the object argument. */
export const createLogger = (level: string) => pino({ level, base: { service: 'notifier' } });
export type Logger = pino.Logger;
