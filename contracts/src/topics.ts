/** Kafka topic names and shapes shared by the producer (cms) and the consumers (stream-worker). */
export const BIDS_TOPIC = 'bids';

/**
 * The partition count is part of the contract: the key (auction id) maps to a
 * partition by murmur2 % count, so changing it moves auctions between
 * partitions and breaks "one writer per auction" for in-flight bids.
 */
export const BIDS_PARTITIONS = 8;

/** Messages the worker cannot parse go here, with their offset committed. */
export const BIDS_DEAD_LETTER_TOPIC = 'bids.dead-letter';

export const BID_WORKERS_GROUP = 'bid-workers';
