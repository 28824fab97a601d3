export * from './topics';
export * from './money';
export * from './bid';
export * from './api-errors';
export * from './auction';
export * from './auction-projection';
export * from './auction-state';
export * from './socket-events';
