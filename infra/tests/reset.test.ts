import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { runInfra } from './helpers';

// `npm run services:reset` (infra/reset.sh) on a data dir of its own.
const serviceData = [
  'kafka/logs/bids-0/00000000000000000000.log',
  'redis/appendonlydir/appendonly.aof.1.incr.aof',
  'ferretdb/state/state.json',
  'ferretdb-pg/PG_VERSION',
  'mailpit/mailpit.db',
  'logs/kafka.log',
  'pm2/pm2.log',
];
const kept = ['cms/data.db', 'bidding-app/index.html'];

function dataDirWithEverything() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-reset-'));
  for (const file of [...serviceData, ...kept]) {
    fs.mkdirSync(path.dirname(path.join(dataDir, file)), { recursive: true });
    fs.writeFileSync(path.join(dataDir, file), 'x');
  }
  return dataDir;
}
const exists = (dataDir: string, file: string) => fs.existsSync(path.join(dataDir, file));

test('without a terminal and without --yes it removes nothing', async () => {
  const dataDir = dataDirWithEverything();
  try {
    const result = await runInfra('reset.sh', [], { CAR_AUCTION_DATA_DIR: dataDir });
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/no terminal to ask on and no --yes: nothing removed/);
    expect([...serviceData, ...kept].filter((f) => !exists(dataDir, f))).toEqual([]);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('--yes removes the services’ data, pid files, logs and PM2 home, and keeps the cms database and the app build', async () => {
  const dataDir = dataDirWithEverything();
  try {
    const result = await runInfra('reset.sh', ['--yes'], { CAR_AUCTION_DATA_DIR: dataDir });
    expect(result.status).toBe(0);
    expect(serviceData.filter((f) => exists(dataDir, f))).toEqual([]);
    expect(kept.filter((f) => !exists(dataDir, f))).toEqual([]);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('it refuses while a process of that data dir runs', async () => {
  const dataDir = dataDirWithEverything();
  // Stands in for a server left running: its command line names the data dir.
  const server = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', path.join(dataDir, 'redis')], { stdio: 'ignore' });
  try {
    const result = await runInfra('reset.sh', ['--yes'], { CAR_AUCTION_DATA_DIR: dataDir });
    expect(result.status).toBe(1);
    expect(result.output).toMatch(new RegExp(`services of .* are running; stop them first[\\s\\S]*pid ${server.pid}:`));
    expect([...serviceData, ...kept].filter((f) => !exists(dataDir, f))).toEqual([]);
  } finally {
    server.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
