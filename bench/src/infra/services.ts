import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { onCleanup } from '../lifecycle/cleanup';
import { log } from '../log';
import { BENCH_DATA_DIR, REPO_ROOT } from '../paths';
import { portOpen } from '@car-auction/test-support/ports';

const run = promisify(execFile);

export interface Services {
  kafkaBrokers: string[];
  /** The bench's own Mailpit, for the notifier's mails. */
  smtpUrl: string;
  kafkaPort: number;
  redisUrl: string;
  mongoUrl: string;
  /** Which of them this run started (and will stop). */
  started: string[];
}

/** The bench's own broker: fixed ports far from the shared one, its data under bench/.data. */
const DEDICATED_KAFKA = { port: 19092, controllerPort: 19093, home: path.join(BENCH_DATA_DIR, 'kafka-home') };

/** The bench's own Mailpit: its mails never crowd out a developer's (Mailpit keeps the newest 5,000). */
const BENCH_MAILPIT = { smtpPort: 11025, uiPort: 18025, home: path.join(BENCH_DATA_DIR, 'mailpit-home') };

/** Redis logical database of the bench: its auction hashes never meet the ones of `npm start` or the tests. */
const BENCH_REDIS_DB = Number(process.env.BENCH_REDIS_DB ?? 3);
/** MongoDB database of the bench's ledger: dropped before and after the run. */
export const BENCH_MONGO_DB = 'car-auction-bench';

async function script(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  try {
    const { stderr } = await run('bash', args, { cwd: REPO_ROOT, env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
    for (const line of stderr.split('\n').filter(Boolean)) log(`  ${line}`);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`bash ${args.join(' ')} failed: ${e.message}\n${e.stderr ?? ''}`, { cause: err });
  }
}

const readRecord = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

/**
 * Redis and FerretDB through infra/ (started only if nothing answers at their
 * address, recorded, and stopped at the end only if this run started them).
 *
 * Kafka: by default the bench runs its own single-node broker (same jars, same
 * configuration template, infra/kafka.sh with other ports and data directory).
 * A full run writes a few hundred thousand messages to `bids`; on the shared
 * broker they would stay for a week, and every later e2e run (a fresh consumer
 * group reading `bids` from the beginning) would have to chew through them first.
 * --kafka=shared uses the broker at 127.0.0.1:9092 instead.
 */
export async function ensureServices(kafkaMode: 'dedicated' | 'shared'): Promise<Services> {
  fs.mkdirSync(BENCH_DATA_DIR, { recursive: true });
  const record = path.join(BENCH_DATA_DIR, `services-started-${process.pid}.txt`);
  fs.rmSync(record, { force: true });
  const env = { ...process.env, INFRA_STARTED_RECORD: record };
  onCleanup('stop the shared services this run started', async () => {
    const started = readRecord(record);
    if (started.length === 0) return;
    log(`stopping services this run started: ${started.join(', ')}`);
    await script(['infra/down.sh', '--only', record], process.env, 120_000);
    fs.rmSync(record, { force: true });
  });

  log('services: redis and ferretdb (infra/redis.sh, infra/mongo.sh)');
  await script(['infra/redis.sh', 'start'], env, 120_000);
  await script(['infra/mongo.sh', 'start'], env, 600_000);

  let kafkaPort = 9092;
  if (kafkaMode === 'shared') {
    log('services: the shared kafka (infra/kafka.sh)');
    await script(['infra/kafka.sh', 'start'], env, 180_000);
  } else {
    kafkaPort = DEDICATED_KAFKA.port;
    await startDedicatedKafka();
  }
  const kafkaBrokers = [`127.0.0.1:${kafkaPort}`];
  await startBenchMailpit();
  await run('node', ['infra/kafka-topics.cjs'], {
    cwd: REPO_ROOT,
    env: { ...process.env, KAFKA_BROKERS: kafkaBrokers.join(',') },
    timeout: 60_000,
  });

  return {
    kafkaBrokers,
    kafkaPort,
    smtpUrl: `smtp://127.0.0.1:${BENCH_MAILPIT.smtpPort}`,
    redisUrl: `redis://127.0.0.1:6379/${BENCH_REDIS_DB}`,
    mongoUrl: `mongodb://127.0.0.1:27017/${BENCH_MONGO_DB}`,
    started: readRecord(record),
  };
}

async function startDedicatedKafka(): Promise<void> {
  const record = path.join(BENCH_DATA_DIR, `kafka-started-${process.pid}.txt`);
  fs.rmSync(record, { force: true });
  const env = {
    ...process.env,
    CAR_AUCTION_DATA_DIR: DEDICATED_KAFKA.home,
    KAFKA_PORT: String(DEDICATED_KAFKA.port),
    KAFKA_CONTROLLER_PORT: String(DEDICATED_KAFKA.controllerPort),
    INFRA_STARTED_RECORD: record,
  };
  onCleanup('stop the bench kafka broker', async () => {
    if (readRecord(record).length === 0) return;
    log(`stopping the bench's kafka broker (127.0.0.1:${DEDICATED_KAFKA.port})`);
    await script(['infra/kafka.sh', 'stop'], env, 90_000);
    fs.rmSync(record, { force: true });
  });
  if (!(await portOpen(DEDICATED_KAFKA.port)) && !(await portOpen(DEDICATED_KAFKA.controllerPort))) {
    // Nothing runs there: start from empty storage, so every run measures the same fresh topic.
    fs.rmSync(path.join(DEDICATED_KAFKA.home, 'kafka'), { recursive: true, force: true });
  }
  log(
    `services: the bench's own kafka broker at 127.0.0.1:${DEDICATED_KAFKA.port} (data in ${path.relative(REPO_ROOT, DEDICATED_KAFKA.home)})`,
  );
  await script(['infra/kafka.sh', 'start'], env, 180_000);
}

async function startBenchMailpit(): Promise<void> {
  const record = path.join(BENCH_DATA_DIR, `mail-started-${process.pid}.txt`);
  fs.rmSync(record, { force: true });
  const env = {
    ...process.env,
    CAR_AUCTION_DATA_DIR: BENCH_MAILPIT.home,
    MAIL_SMTP_PORT: String(BENCH_MAILPIT.smtpPort),
    MAIL_UI_PORT: String(BENCH_MAILPIT.uiPort),
    INFRA_STARTED_RECORD: record,
  };
  onCleanup("stop the bench's mail server", async () => {
    if (readRecord(record).length === 0) return;
    await script(['infra/mail.sh', 'stop'], env, 60_000);
    fs.rmSync(record, { force: true });
  });
  log(`services: the bench's own mail server (Mailpit) at 127.0.0.1:${BENCH_MAILPIT.smtpPort}, UI :${BENCH_MAILPIT.uiPort}`);
  await script(['infra/mail.sh', 'start'], env, 300_000);
}
