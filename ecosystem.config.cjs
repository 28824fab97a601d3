// Every process of the one-command run, as PM2 runs it (scripts/supervise.cjs drives
// PM2; `npm start` calls that after its builds). Listed in start order; the
// supervisor stops them in the reverse order: the apps (bidding app, notifier, worker, cms),
// then the services (Mailpit, Kafka, FerretDB, its PostgreSQL, Redis).
//
// Each entry is a plain PM2 app plus a `supervise` block the supervisor reads (and
// strips before handing the entry to PM2):
//   kind      'service': started only if nothing answers at `address` (someone else's
//             service is used, never started or stopped), and must be `ready` within
//             `readySeconds` or the run stops; 'app': started after the services
//   onlyWith  start this service only together with the named one (FerretDB's PostgreSQL)
//   ready     { tcp | redis: { host, port } } or { http: url }: when it serves
//
// Every port, directory and URL comes from scripts/stack-config.cjs (environment
// variables with the usual defaults), so a second stack beside this one is a matter
// of environment: CAR_AUCTION_DATA_DIR and the ports.
'use strict';

const path = require('node:path');
const { stackConfig } = require('./scripts/stack-config.cjs');

const config = stackConfig();
const root = config.repoRoot;
const { kafka, redis, mongo, postgres, mailSmtp, mailUi, urls } = config;

// Restarted whatever the exit (a crash, a clean exit, a signal), without a limit on the
// count: PM2 waits exp_backoff_restart_delay first, then 1.5 times longer after each
// quick death, up to 15 s (PM2's cap), back to the first delay once it has stayed up
// for 30 s.
const firstRestartDelayMs = Number(process.env.SUPERVISE_RESTART_DELAY_MS || 1000);

const common = (name) => ({
  name,
  autorestart: true,
  exp_backoff_restart_delay: firstRestartDelayMs,
  // PM2 gives up on an app after max_restarts restarts within min_uptime each; never.
  max_restarts: Number.MAX_SAFE_INTEGER,
  // One log per process, stdout and stderr together, at the path the infra scripts use.
  merge_logs: true,
  log_file: path.join(config.logDir, `${name}.log`),
  out_file: '/dev/null',
  error_file: '/dev/null',
  // No git metadata, no PM2.io probes: plain processes.
  vizion: false,
  pmx: false,
  automation: false,
});

// The infra scripts read the same variables; they get the resolved values, so the
// script and the supervisor cannot disagree on an address.
const serviceEnv = {
  CAR_AUCTION_DATA_DIR: config.dataDir,
  KAFKA_HOST: kafka.host,
  KAFKA_PORT: String(kafka.port),
  KAFKA_CONTROLLER_PORT: String(config.kafkaControllerPort),
  REDIS_HOST: redis.host,
  REDIS_PORT: String(redis.port),
  MONGO_HOST: mongo.host,
  MONGO_PORT: String(mongo.port),
  FERRETDB_PG_PORT: String(postgres.port),
  MAIL_HOST: mailSmtp.host,
  MAIL_SMTP_PORT: String(mailSmtp.port),
  MAIL_UI_PORT: String(mailUi.port),
};

/** A service in the foreground (`infra/<script> <command>` execs the server). */
const service = (name, script, command, supervise, pm2Options) => ({
  ...common(name),
  script: path.join(root, 'infra', script),
  interpreter: 'bash',
  args: [command],
  cwd: root,
  env: serviceEnv,
  // The server gets the stop signal (SIGTERM, see scripts/supervise.cjs), not its
  // children: it shuts them down itself.
  treekill: false,
  ...pm2Options,
  supervise: { kind: 'service', ...supervise },
});

// Node processes are started as `node <file>` (interpreter none, script = node):
// PM2's own Node wrapper would load the app inside its container script.
const nodeApp = (name, cwd, args, env, ready) => ({
  ...common(name),
  script: process.execPath,
  interpreter: 'none',
  args,
  cwd,
  env,
  // SIGTERM first (Strapi's destroy, the worker's drain), SIGKILL after kill_timeout.
  kill_timeout: 15_000,
  supervise: { kind: 'app', ready },
});

const backendEnv = {
  NODE_ENV: process.env.NODE_ENV || 'production',
  KAFKA_BROKERS: urls.kafkaBrokers,
  REDIS_URL: urls.redis,
  MONGO_URL: urls.mongo,
  CORS_ORIGINS: config.corsOrigins,
};

module.exports = {
  supervise: {
    pm2Home: config.pm2Home,
    // Once the services are ready and before the apps start.
    afterServices: [
      {
        what: 'the Kafka topics',
        command: process.execPath,
        args: [path.join(root, 'infra', 'kafka-topics.cjs')],
        env: { KAFKA_BROKERS: urls.kafkaBrokers },
      },
    ],
    directories: [config.logDir, ...(config.cmsDatabaseFile ? [path.dirname(config.cmsDatabaseFile)] : [])],
    readyMessage:
      `bidding app ${urls.app}, cms http://localhost:${config.cmsPort} (admin panel /admin, live auctions /api/auctions/live), ` +
      `Socket.IO gateway ${urls.gateway} (/healthz, /metrics), notifier ${urls.notifier}, mail UI ${urls.mailUi}`,
  },
  apps: [
    service('redis', 'redis.sh', 'run', { address: redis, ready: { redis }, readySeconds: 20 }, { kill_timeout: 10_000 }),
    service(
      'ferretdb-postgres',
      'mongo.sh',
      'run-postgres',
      { address: postgres, onlyWith: 'ferretdb', ready: { tcp: postgres }, readySeconds: 30 },
      // SIGTERM is PostgreSQL's smart shutdown: it waits for its clients, and FerretDB,
      // the only one, is stopped before it.
      { kill_timeout: 20_000 },
    ),
    // FerretDB's `run` waits (bounded) for its PostgreSQL, hence the longer bound.
    service('ferretdb', 'mongo.sh', 'run', { address: mongo, ready: { tcp: mongo }, readySeconds: 60 }, { kill_timeout: 10_000 }),
    // The topics step (afterServices) checks that the broker answers requests.
    service('kafka', 'kafka.sh', 'run', { address: kafka, ready: { tcp: kafka }, readySeconds: 90 }, { kill_timeout: 30_000 }),
    // The development mail server: ready once its API answers /readyz (it listens for
    // SMTP before that).
    service(
      'mailpit',
      'mail.sh',
      'run',
      { address: mailSmtp, ready: { http: `http://${mailUi.host}:${mailUi.port}/readyz` }, readySeconds: 20 },
      { kill_timeout: 10_000 },
    ),
    nodeApp(
      'cms',
      path.join(root, 'cms'),
      [path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'],
      {
        ...backendEnv,
        PORT: String(config.cmsPort),
        REALTIME_PUBLIC_URL: urls.browserRealtime,
        ...(config.cmsDatabaseFile ? { DATABASE_FILENAME: config.cmsDatabaseFile } : {}),
      },
      { http: `http://127.0.0.1:${config.cmsPort}/_health` },
    ),
    nodeApp(
      'stream-worker',
      root,
      [path.join(root, 'stream-worker', 'dist', 'main.js')],
      { ...backendEnv, CMS_URL: urls.cms, GATEWAY_PORT: String(config.gatewayPort) },
      { http: `http://127.0.0.1:${config.gatewayPort}/healthz` },
    ),
    // Mails go to this stack's Mailpit (or SMTP_URL); its links point at the app and at itself.
    nodeApp(
      'notifier',
      root,
      [path.join(root, 'notifier', 'dist', 'main.js')],
      {
        ...backendEnv,
        CMS_URL: urls.cms,
        SMTP_URL: urls.smtp,
        APP_URL: urls.app,
        NOTIFIER_PORT: String(config.notifierPort),
        NOTIFIER_PUBLIC_URL: urls.notifier,
      },
      { http: `http://127.0.0.1:${config.notifierPort}/healthz` },
    ),
    nodeApp(
      'bidding-app',
      path.join(root, 'bidding-app'),
      [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'preview'],
      { NODE_ENV: 'production', APP_PORT: String(config.appPort), APP_HOST: config.appHost, APP_OUT_DIR: config.appOutDir },
      { http: `http://${config.appHost}:${config.appPort}/` },
    ),
  ],
};
