import path from 'node:path';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { spawnChild, type ChildHandle } from '@car-auction/test-support/child-process';
import { freePort } from '@car-auction/test-support/ports';
import { eventually } from '@car-auction/test-support/wait';

const root = path.resolve(__dirname, '..', '..');
const pm2Bin = path.join(root, 'node_modules', 'pm2', 'bin', 'pm2');

/** The processes of the one-command run, as the ecosystem file names them. */
export type StackProcessName =
  'redis' | 'ferretdb-postgres' | 'ferretdb' | 'kafka' | 'mailpit' | 'cms' | 'stream-worker' | 'notifier' | 'bidding-app';

export interface StackProcess {
  name: StackProcessName;
  pid: number | null;
  status: string;
  restarts: number;
}

export interface Stack {
  dataDir: string;
  ports: {
    cms: number;
    gateway: number;
    app: number;
    kafka: number;
    kafkaController: number;
    redis: number;
    mongo: number;
    postgres: number;
  };
  cmsUrl: string;
  gatewayUrl: string;
  notifierUrl: string;
  appUrl: string;
  /** The development mail server's web UI and REST API (Mailpit). */
  mailUiUrl: string;
  redisUrl: string;
  mongoUrl: string;
  /** `npm start`'s process (scripts/start.sh, which execs the supervisor). */
  handle: ChildHandle;
  /** What PM2 says of each process now. */
  processes(): Promise<Map<StackProcessName, StackProcess>>;
  /** A PM2 command (stop NAME, start NAME) against this stack's PM2 daemon. */
  pm2(...args: string[]): Promise<void>;
  /** SIGTERM to `npm start`, as Ctrl-C would; resolves with its exit code. */
  stop(): Promise<number | null>;
}

/**
 * The whole system as the README runs it: `npm start` (scripts/start.sh: setup,
 * builds, then the PM2 supervisor), with a data dir and ports of its own so it
 * never meets a stack already running on this machine. Resolves once the
 * supervisor says every process is ready.
 */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const dataDir = path.join(root, '.data', 'e2e-stack');
  rmSync(dataDir, { recursive: true, force: true });
  const ports = {
    cms: await freePort(),
    gateway: await freePort(),
    notifier: await freePort(),
    app: await freePort(),
    kafka: await freePort(),
    kafkaController: await freePort(),
    redis: await freePort(),
    mongo: await freePort(),
    postgres: await freePort(),
    mailSmtp: await freePort(),
    mailUi: await freePort(),
  };
  const stackEnv: Record<string, string> = {
    CAR_AUCTION_DATA_DIR: dataDir,
    PORT: String(ports.cms),
    GATEWAY_PORT: String(ports.gateway),
    NOTIFIER_PORT: String(ports.notifier),
    APP_PORT: String(ports.app),
    KAFKA_PORT: String(ports.kafka),
    KAFKA_CONTROLLER_PORT: String(ports.kafkaController),
    REDIS_PORT: String(ports.redis),
    MONGO_PORT: String(ports.mongo),
    FERRETDB_PG_PORT: String(ports.postgres),
    MAIL_SMTP_PORT: String(ports.mailSmtp),
    MAIL_UI_PORT: String(ports.mailUi),
    ...env,
  };
  // Not the test process's own settings for its in-process cms (setup-env.ts).
  const inherited = { ...process.env };
  for (const name of [
    'NODE_ENV',
    'DATABASE_FILENAME',
    'SERVE_ADMIN_PANEL',
    'SEED_DEMO_DATA',
    'HOST',
    'KAFKA_BROKERS',
    'REDIS_URL',
    'MONGO_URL',
  ]) {
    delete inherited[name];
  }
  const processEnv = { ...inherited, ...stackEnv };
  const handle = spawnChild({
    name: 'npm start',
    command: 'bash',
    args: [path.join(root, 'scripts', 'start.sh')],
    cwd: root,
    env: processEnv,
    logFile: path.join(root, 'test-artifacts', 'supervised-stack', 'npm-start.log'),
    keepOutput: true,
  });
  await eventually(
    'npm start to report every process ready',
    async () => {
      if (handle.child.exitCode !== null) throw new Error(`npm start exited with ${handle.child.exitCode}:\n${handle.tail()}`);
      return /\[start\] ready/.test(handle.output()) ? true : undefined;
    },
    // A cold machine builds the admin panel first (about a minute) and formats Kafka's storage.
    { timeoutMs: 12 * 60_000, intervalMs: 500 },
  ).catch((err) => {
    throw new Error(`${(err as Error).message}\n--- npm start ---\n${handle.tail()}`, { cause: err });
  });

  const pm2Env = { ...processEnv, PM2_HOME: path.join(dataDir, 'pm2'), PM2_SILENT: 'true' };
  const run = promisify(execFile);
  return {
    dataDir,
    ports,
    cmsUrl: `http://127.0.0.1:${ports.cms}`,
    gatewayUrl: `http://127.0.0.1:${ports.gateway}`,
    notifierUrl: `http://127.0.0.1:${ports.notifier}`,
    appUrl: `http://127.0.0.1:${ports.app}`,
    mailUiUrl: `http://127.0.0.1:${ports.mailUi}`,
    redisUrl: `redis://127.0.0.1:${ports.redis}`,
    mongoUrl: `mongodb://127.0.0.1:${ports.mongo}/car-auction`,
    handle,
    async processes() {
      const { stdout } = await run(process.execPath, [path.join(root, 'scripts', 'supervise.cjs'), 'status'], {
        cwd: root,
        env: processEnv,
      });
      const list = JSON.parse(stdout) as StackProcess[];
      return new Map(list.map((p) => [p.name, p]));
    },
    async pm2(...args: string[]) {
      await run(process.execPath, [pm2Bin, ...args], { cwd: root, env: pm2Env });
    },
    stop: () => handle.stop(120_000),
  };
}
