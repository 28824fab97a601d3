import { createDependencyHealth, type Dependency, type DependencyReading } from '../src/ops/dependency-health';
import { createMetrics } from '../src/ops/metrics';

// The health registry alone: what it reports from what it is told, read and probed.
const ALL = ['kafka', 'redis', 'mongo', 'cms'] as const;

test('ok only while every dependency is up; degraded names each one that is down and why', () => {
  const changes: [Dependency, boolean][] = [];
  const health = createDependencyHealth({
    dependencies: ALL,
    initiallyDown: { kafka: 'not joined yet' },
    onChange: (dependency, reading) => changes.push([dependency, reading.up]),
  });
  expect(health.report()).toEqual({
    status: 'degraded',
    down: ['kafka'],
    dependencies: { kafka: 'down', redis: 'up', mongo: 'up', cms: 'up' },
    reasons: { kafka: 'not joined yet' },
  });
  health.up('kafka');
  expect(health.report()).toMatchObject({ status: 'ok', down: [], reasons: {} });

  health.down('mongo', 'connection refused');
  health.down('cms', 'cms answered 502');
  expect(health.report()).toMatchObject({
    status: 'degraded',
    down: ['mongo', 'cms'],
    dependencies: { kafka: 'up', redis: 'up', mongo: 'down', cms: 'down' },
    reasons: { mongo: 'connection refused', cms: 'cms answered 502' },
  });
  // A second failure while down changes the reason, not the state: no second change.
  health.down('mongo', 'timed out');
  expect(health.report().reasons.mongo).toBe('timed out');
  health.up('mongo');
  health.up('cms');
  expect(health.report().status).toBe('ok');
  expect(changes).toEqual([
    ['kafka', true],
    ['mongo', false],
    ['cms', false],
    ['mongo', true],
    ['cms', true],
  ]);
});

test('a dependency the process does not use is neither reported nor counted', () => {
  const health = createDependencyHealth({ dependencies: ['redis'] });
  health.down('kafka', 'gone');
  expect(health.report()).toEqual({ status: 'ok', down: [], dependencies: { redis: 'up' }, reasons: {} });
  expect(health.isUp('kafka')).toBe(true);
});

test('a watched dependency is read at every report, and its changes are logged at the tick', async () => {
  let reading: DependencyReading = { up: false, reason: 'connecting' };
  const changes: string[] = [];
  const health = createDependencyHealth({
    dependencies: ['redis'],
    onChange: (dependency, r) => changes.push(`${dependency} ${r.up ? 'up' : `down: ${r.reason}`}`),
  });
  health.watch('redis', () => reading);
  // Where it starts is no change.
  expect(changes).toEqual([]);
  expect(health.report()).toMatchObject({ status: 'degraded', reasons: { redis: 'connecting' } });
  reading = { up: true, reason: null };
  await health.tick();
  expect(changes).toEqual(['redis up']);
  reading = { up: false, reason: 'reconnecting: connect ECONNREFUSED' };
  expect(health.isUp('redis')).toBe(false);
  expect(health.report().reasons).toEqual({ redis: 'reconnecting: connect ECONNREFUSED' });
  expect(changes).toEqual(['redis up', 'redis down: reconnecting: connect ECONNREFUSED']);
});

test('a dependency that is down is probed at most every interval, one probe at a time, until one succeeds', async () => {
  let clock = 0;
  let answer: 'fail' | 'ok' | 'hang' = 'fail';
  let probes = 0;
  let release: () => void = () => undefined;
  const health = createDependencyHealth({ dependencies: ['cms'], initiallyDown: { cms: 'not checked yet' }, now: () => clock });
  health.probeWhileDown(
    'cms',
    async () => {
      probes++;
      if (answer === 'hang') return new Promise<void>((resolve) => (release = resolve));
      if (answer === 'fail') throw new Error('fetch failed');
    },
    2_000,
  );
  await health.tick();
  expect(probes).toBe(1);
  expect(health.report().reasons).toEqual({ cms: 'fetch failed' });
  clock = 1_999;
  await health.tick();
  expect(probes).toBe(1);
  clock = 2_000;
  answer = 'hang';
  const hanging = health.tick();
  clock = 10_000;
  // The first probe has not answered: no second one on top of it.
  await health.tick();
  expect(probes).toBe(2);
  release();
  await hanging;
  expect(health.report().status).toBe('ok');
  // Up: no probes at all.
  clock = 20_000;
  await health.tick();
  expect(probes).toBe(2);
});

test('/metrics has one worker_dependency_up gauge per dependency, 1 up and 0 down', async () => {
  const health = createDependencyHealth({ dependencies: ALL, initiallyDown: { kafka: 'not joined yet' } });
  const metrics = createMetrics({ dependencies: () => health.report().dependencies });
  const gauges = async () =>
    (await metrics.registry.metrics())
      .split('\n')
      .filter((line) => line.startsWith('worker_dependency_up{'))
      .sort();
  expect(await gauges()).toEqual([
    'worker_dependency_up{dependency="cms"} 1',
    'worker_dependency_up{dependency="kafka"} 0',
    'worker_dependency_up{dependency="mongo"} 1',
    'worker_dependency_up{dependency="redis"} 1',
  ]);
  health.up('kafka');
  health.down('redis', 'gone');
  expect(await gauges()).toContain('worker_dependency_up{dependency="kafka"} 1');
  expect(await gauges()).toContain('worker_dependency_up{dependency="redis"} 0');
});
