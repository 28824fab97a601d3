import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { startWorkerProcess } from '@car-auction/test-support/worker-process';
import { freePort } from '@car-auction/test-support/ports';
import { createAuction, cmsUrl, startCms } from './helpers/cms';
import { eventually, placeBid, registerBidders, type Bidder } from './helpers/bidders';
import { auditAuctions } from './helpers/audit';
import { sleep, streamBids } from './helpers/load';
import { dependencyGauges, tcpProxy, workerHealth, type TcpProxy } from '@car-auction/test-support/services';
import { startWorker, type WorkerProcess } from './helpers/worker';
import { stopSystem } from './helpers/system';

/**
 * One worker's dependencies made unreachable through loopback proxies, which
 * cut only that worker off: the shared services keep running for everyone
 * else. A worker starts with none of them reachable and serves once they are
 * back; a cms that is unreachable for a while gets its post-backs afterwards.
 */
let strapi: Core.Strapi;
let bidders: Bidder[];
const workers = new Set<WorkerProcess>();
const proxies: TcpProxy[] = [];

const portOf = (url: string, fallback: number) => Number(new URL(url).port || fallback);

async function proxyTo(port: number) {
  const proxy = tcpProxy({ port }, await freePort());
  proxies.push(proxy);
  return proxy;
}

beforeAll(async () => {
  strapi = await startCms();
  bidders = await registerBidders(6, 'outage');
});

afterAll(async () => {
  await stopSystem({ workers });
  for (const proxy of proxies) await proxy.close();
});

test('a worker started while Kafka, Redis, the ledger and the cms are all unreachable waits, degraded, and serves once they are back', async () => {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/car-auction';
  const kafkaBroker = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',')[0]!;
  const redis = await proxyTo(portOf(redisUrl, 6379));
  const mongo = await proxyTo(portOf(mongoUrl.replace(/^mongodb:/, 'http:'), 27017));
  const cms = await proxyTo(portOf(cmsUrl(), 80));
  // Only the first contact goes through this one: the broker's metadata then names its own address.
  const kafka = await proxyTo(Number(kafkaBroker.split(':')[1]));

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const starting = startWorkerProcess({
    port,
    env: {
      KAFKA_GROUP_ID: process.env.E2E_GROUP_ID ?? 'e2e',
      KAFKA_BROKERS: `127.0.0.1:${kafka.port}`,
      REDIS_URL: `redis://127.0.0.1:${redis.port}`,
      MONGO_URL: `mongodb://127.0.0.1:${mongo.port}/${new URL(mongoUrl.replace(/^mongodb:/, 'http:')).pathname.slice(1)}`,
      CMS_URL: `http://127.0.0.1:${cms.port}`,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      CLOSE_CHECK_INTERVAL_MS: '250',
      POSTBACK_INTERVAL_MS: '100',
      LOG_LEVEL: 'warn',
    },
    keepOutput: true,
    timeoutMs: 120_000,
  });
  // Resolved once /healthz says 200, which must not happen before everything is back.
  let started = false;
  void starting.then(() => (started = true)).catch(() => undefined);

  const allDown = await eventually('/healthz naming every dependency', async () => {
    const health = await workerHealth(url).catch(() => undefined);
    return health?.down.length === 4 ? health : undefined;
  });
  expect(allDown).toMatchObject({
    httpStatus: 503,
    status: 'degraded',
    dependencies: { kafka: 'down', redis: 'down', mongo: 'down', cms: 'down' },
  });
  expect(allDown.starting).toBeTruthy();
  expect(await dependencyGauges(url)).toEqual({ kafka: 0, redis: 0, mongo: 0, cms: 0 });
  // Longer than the ledger driver's server selection (10 s) and kafkajs's retries (about 9 s), which used to end the start.
  await sleep(12_000);
  expect(started).toBe(false);
  expect((await workerHealth(url)).down).toEqual(['kafka', 'redis', 'mongo', 'cms']);

  // Back one by one; each leaves the list, and only the last one makes the worker serve.
  const comesBack = async (proxy: TcpProxy, dependency: string) => {
    await proxy.open();
    await eventually(
      `${dependency} to be up`,
      async () => ((await workerHealth(url)).dependencies[dependency] === 'up' ? true : undefined),
      60_000,
    );
  };
  await comesBack(redis, 'redis');
  await comesBack(mongo, 'mongo');
  await comesBack(cms, 'cms');
  const waiting = await workerHealth(url);
  expect(waiting).toMatchObject({ httpStatus: 503, down: ['kafka'] });
  await kafka.open();
  const worker = await starting;
  workers.add(worker);
  expect(await workerHealth(url)).toMatchObject({ httpStatus: 200, status: 'ok', down: [] });

  // It works as any worker does.
  const auctionIds = await Promise.all(
    Array.from({ length: 2 }, () => createAuction(strapi, { startingPrice: 10_000, minIncrement: 100 })),
  );
  const placed = await streamBids(bidders, auctionIds, 4, 6, 200);
  // (Some of the stream's bids are below the minimum by the time they arrive: a 422, as they should be.)
  expect(placed.filter((p) => p.status >= 500)).toEqual([]);
  expect(placed.filter((p) => p.status === 202).length).toBeGreaterThan(0);
  await auditAuctions(strapi, auctionIds, placed);
  expect(worker.child.exitCode).toBeNull();
  await worker.stop();
  workers.delete(worker);
}, 180_000);

test('the cms unreachable for a while: the same worker keeps deciding, is degraded naming the cms, and the projections arrive once it is back', async () => {
  const cms = await proxyTo(portOf(cmsUrl(), 80));
  await cms.open();
  const worker = await startWorker({ CMS_URL: `http://127.0.0.1:${cms.port}`, KAFKA_SESSION_TIMEOUT_MS: '6000', LOG_LEVEL: 'warn' });
  workers.add(worker);
  const auctionIds = await Promise.all(
    Array.from({ length: 3 }, () => createAuction(strapi, { startingPrice: 10_000, minIncrement: 100 })),
  );
  const stream = streamBids(bidders, auctionIds, 15, 6, 1_000);
  await sleep(3_000);
  await cms.close();
  await eventually(
    '/healthz degraded naming the cms',
    async () => {
      const health = await workerHealth(worker.url);
      return health.httpStatus === 503 && health.down.includes('cms') ? true : undefined;
    },
    30_000,
  );
  await sleep(8_000);
  expect(worker.child.exitCode).toBeNull();
  await cms.open();
  await eventually('/healthz ok again', async () => ((await workerHealth(worker.url)).httpStatus === 200 ? true : undefined), 60_000);

  const placed = [...(await stream), ...(await Promise.all(auctionIds.map((id, i) => placeBid(bidders[i]!, id, 1_000_000, randomUUID()))))];
  // Bidders reach the cms directly: bids are taken (a 202, or a 422 when below the minimum) and decided while the cms is cut off from the worker.
  expect(placed.filter((p) => p.status !== 202 && p.status !== 422)).toEqual([]);
  // The audit ends with Strapi's fields equal to Redis: the post-backs owed during the outage arrived.
  await auditAuctions(strapi, auctionIds, placed);
  expect(worker.child.exitCode).toBeNull();
  await worker.stop();
  workers.delete(worker);
}, 180_000);
