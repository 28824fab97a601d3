export * from './kafka-log';
export * from './partition-of';
export * from './auction-library';
