import { Partitioners } from 'kafkajs';
import { BIDS_PARTITIONS, BIDS_TOPIC } from '@car-auction/contracts';

const partitioner = Partitioners.DefaultPartitioner();
const partitionMetadata = Array.from({ length: BIDS_PARTITIONS }, (_, partitionId) => ({
  partitionId,
  leader: 0,
  replicas: [0],
  isr: [0],
  partitionErrorCode: 0,
}));

/**
 * The partition the cms's producer puts an auction's bids on: murmur2 of the
 * key, as Java's client and kafkajs's default partitioner compute it.
 */
export function partitionOf(auctionId: string): number {
  return partitioner({ topic: BIDS_TOPIC, partitionMetadata, message: { key: auctionId, value: null } });
}
