import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { eventually } from '@car-auction/test-support/wait';
import { freePort, portOpen } from '@car-auction/test-support/ports';
import { foreignListener, repoRoot, runInfra } from './helpers';

// `infra/<service>.sh run`: the service in the foreground, for PM2. The supervisor
// relies on two things: the process it starts IS the server (exec, so a signal or a
// kill reaches the server and PM2 sees it exit), and `run` never starts a second
// server where one already answers.

/** Sends one inline command, resolves with the reply's lines (a small reply comes in one chunk). */
function redisCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(`${command}\r\n`));
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString().trim());
    });
    socket.once('error', reject);
  });
}

test('redis.sh run execs redis-server with the start flags, in the foreground, and writes no PID file', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-run-'));
  const port = await freePort();
  const child = spawn('bash', [path.join(repoRoot, 'infra', 'redis.sh'), 'run'], {
    env: { ...process.env, CAR_AUCTION_DATA_DIR: dataDir, REDIS_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    expect(await eventually('redis to answer', () => redisCommand(port, 'PING').catch(() => undefined), 20_000)).toBe('+PONG');
    // The PID PM2 would hold is the server's own.
    expect(fs.readFileSync(`/proc/${child.pid}/comm`, 'utf8').trim()).toBe('redis-server');
    // The flags `start` uses (Redis rewrites its command line, so ask it).
    expect((await redisCommand(port, 'CONFIG GET appendonly')).split('\r\n')).toEqual(['*2', '$10', 'appendonly', '$3', 'yes']);
    expect(await redisCommand(port, 'CONFIG GET dir')).toContain(path.join(dataDir, 'redis'));
    expect(fs.existsSync(path.join(dataDir, 'run', 'redis.pid'))).toBe(false);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

describe.each([
  ['redis.sh', 'run', 'REDIS_PORT', 'redis'],
  ['mongo.sh', 'run', 'MONGO_PORT', 'mongo'],
  ['mongo.sh', 'run-postgres', 'FERRETDB_PG_PORT', 'ferretdb-postgres'],
  ['kafka.sh', 'run', 'KAFKA_PORT', 'kafka'],
])('%s %s where something already answers', (script, command, portVar, name) => {
  test('refuses, and leaves the other listener alone', async () => {
    const other = await foreignListener();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-run-'));
    try {
      const result = await runInfra(script, [command], { CAR_AUCTION_DATA_DIR: dataDir, [portVar]: String(other.port) });
      expect(result.status).toBe(1);
      expect(result.output).toContain(`${name}: something already answers at 127.0.0.1:${other.port}; not starting another`);
      expect(await portOpen(other.port)).toBe(true);
    } finally {
      await other.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
