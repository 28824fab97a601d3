export * from './kafka-log';
export * from './partition-of';
