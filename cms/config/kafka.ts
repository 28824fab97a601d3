import type { Core } from '@strapi/strapi';

// Read as strapi.config.get('kafka') by the bid producer.
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  brokers: env.array('KAFKA_BROKERS', ['127.0.0.1:9092']),
  clientId: env('KAFKA_CLIENT_ID', 'cms'),
  // Upper bound on connect + produce for one bid; past it the bidder gets a 503
  // instead of a hanging request.
  produceTimeoutMs: env.int('BID_PRODUCE_TIMEOUT_MS', 4000),
});
