import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { foreignListener, repoRoot, runInfra } from './helpers';

// These tests expect the project's services up (scripts/test.sh starts them).
const pidOf = (name: string) => {
  const file = path.join(process.env.CAR_AUCTION_DATA_DIR ?? path.join(repoRoot, '.data'), 'run', `${name}.pid`);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : null;
};

test('a second start is harmless: same processes, nothing new started', async () => {
  const before = ['redis', 'mongo', 'kafka', 'mail'].map(pidOf);
  const record = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infra-')), 'started');
  const again = await runInfra('up.sh', ['--record', record]);
  expect(again.status).toBe(0);
  expect(['redis', 'mongo', 'kafka', 'mail'].map(pidOf)).toEqual(before);
  expect(fs.existsSync(record)).toBe(false);
  expect(again.output).toMatch(/topics ok \(bids:8/);
});

describe.each(['redis', 'mongo', 'kafka'])('%s: a service already answering at its address', (name) => {
  test('is used, not duplicated, and not stopped by us', async () => {
    const other = await foreignListener();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `infra-${name}-`));
    const portVar = { redis: 'REDIS_PORT', mongo: 'MONGO_PORT', kafka: 'KAFKA_PORT' }[name]!;
    const env = { CAR_AUCTION_DATA_DIR: dataDir, [portVar]: String(other.port) };
    try {
      const start = await runInfra(`${name}.sh`, ['start'], env);
      expect(start.status).toBe(0);
      expect(start.output).toMatch(/already answers .* using it/);
      expect(fs.existsSync(path.join(dataDir, 'run', `${name}.pid`))).toBe(false);

      const stop = await runInfra(`${name}.sh`, ['stop'], env);
      expect(stop.status).toBe(0);
      expect(stop.output).toMatch(/not started by these scripts; leaving it alone/);
      // Still listening: a connection is accepted after our "stop".
      const seen = other.connections();
      expect((await runInfra(`${name}.sh`, ['status'], env)).output).toMatch(/not ours/);
      expect(other.connections()).toBeGreaterThan(seen);
    } finally {
      await other.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

test('a service that cannot start says what failed and where its log is', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-fail-'));
  try {
    // 192.0.2.1 (TEST-NET-1) is on no interface here, so redis cannot bind it:
    // the start fails, bounded, and names the log.
    const result = await runInfra('redis.sh', ['start'], { CAR_AUCTION_DATA_DIR: dataDir, REDIS_HOST: '192.0.2.1', REDIS_PORT: '6390' });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/redis failed to start; full log: .*redis\.log/);
    expect(fs.existsSync(path.join(dataDir, 'run', 'redis.pid'))).toBe(false);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
