import { loadConfig } from '../src/config';

test('defaults point at the local services', () => {
  expect(loadConfig({})).toMatchObject({
    KAFKA_BROKERS: ['127.0.0.1:9092'],
    KAFKA_GROUP_ID: 'bid-workers',
    REDIS_URL: 'redis://127.0.0.1:6379',
    MONGO_URL: 'mongodb://127.0.0.1:27017/car-auction',
    CMS_URL: 'http://127.0.0.1:1337',
    GATEWAY_PORT: 4000,
    WORKER_ROLES: new Set(['consumer', 'gateway']),
  });
});

test('roles can be split', () => {
  expect(loadConfig({ WORKER_ROLES: 'gateway' }).WORKER_ROLES).toEqual(new Set(['gateway']));
  expect(() => loadConfig({ WORKER_ROLES: 'consumer,cook' })).toThrow(/WORKER_ROLES/);
});

test('brokers are a comma-separated list', () => {
  expect(loadConfig({ KAFKA_BROKERS: 'a:1, b:2' }).KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
});

test('a bad value fails with the variable named', () => {
  expect(() => loadConfig({ GATEWAY_PORT: 'eighty' })).toThrow(/GATEWAY_PORT/);
  expect(() => loadConfig({ REDIS_URL: 'not a url' })).toThrow(/REDIS_URL/);
});
