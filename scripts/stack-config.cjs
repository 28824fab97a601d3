// The one-command run's settings: every port, directory and URL of the stack,
// from environment variables with the defaults the infra scripts and the apps
// already use. The ecosystem file (what PM2 runs) and scripts/start.sh (the
// builds) both read it, so one stack's processes always agree on its addresses,
// and a second stack (other data dir, other ports) is a matter of environment.
//   node scripts/stack-config.cjs build-env   prints the app build's settings as shell assignments
'use strict';

const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');
const defaultDataDir = path.join(repoRoot, '.data');

/** A port from the environment, or the default; anything else is a mistake worth stopping for. */
function portFrom(env, name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name}=${raw} is not a TCP port`);
  return port;
}

/** @param {NodeJS.ProcessEnv} env */
function stackConfig(env = process.env) {
  const dataDir = path.resolve(env.CAR_AUCTION_DATA_DIR || defaultDataDir);
  // A data dir of its own means a stack of its own: then the cms's SQLite database
  // and the app's build live in it too, so two stacks never share them.
  const ownStack = dataDir !== defaultDataDir;

  const kafka = { host: env.KAFKA_HOST || '127.0.0.1', port: portFrom(env, 'KAFKA_PORT', 9092) };
  const kafkaControllerPort = portFrom(env, 'KAFKA_CONTROLLER_PORT', 9093);
  const redis = { host: env.REDIS_HOST || '127.0.0.1', port: portFrom(env, 'REDIS_PORT', 6379) };
  const mongo = { host: env.MONGO_HOST || '127.0.0.1', port: portFrom(env, 'MONGO_PORT', 27017) };
  // FerretDB's own PostgreSQL listens on loopback only (infra/mongo.sh).
  const postgres = { host: '127.0.0.1', port: portFrom(env, 'FERRETDB_PG_PORT', 5433) };
  // The development mail server (infra/mail.sh): SMTP in, a web UI and REST API out.
  const mailHost = env.MAIL_HOST || '127.0.0.1';
  const mailSmtp = { host: mailHost, port: portFrom(env, 'MAIL_SMTP_PORT', 1025) };
  const mailUi = { host: mailHost, port: portFrom(env, 'MAIL_UI_PORT', 8025) };
  const cmsPort = portFrom(env, 'PORT', 1337);
  const gatewayPort = portFrom(env, 'GATEWAY_PORT', 4000);
  const notifierPort = portFrom(env, 'NOTIFIER_PORT', 4100);
  const appPort = portFrom(env, 'APP_PORT', 3000);
  const appHost = env.APP_HOST || '127.0.0.1';

  const urls = {
    kafkaBrokers: env.KAFKA_BROKERS || `${kafka.host}:${kafka.port}`,
    redis: env.REDIS_URL || `redis://${redis.host}:${redis.port}`,
    mongo: env.MONGO_URL || `mongodb://${mongo.host}:${mongo.port}/car-auction`,
    // Server to server (the worker's post-back) over loopback; the browser's URLs use localhost.
    cms: env.CMS_URL || `http://127.0.0.1:${cmsPort}`,
    browserCms: env.VITE_CMS_URL || `http://localhost:${cmsPort}`,
    browserRealtime: env.VITE_REALTIME_URL || `http://localhost:${gatewayPort}`,
    app: `http://localhost:${appPort}`,
    gateway: `http://localhost:${gatewayPort}`,
    // The notifier's API: the app's bell and the unsubscribe links in mails.
    notifier: env.NOTIFIER_PUBLIC_URL || `http://localhost:${notifierPort}`,
    // Where mail is sent: this stack's Mailpit unless SMTP_URL names another server
    // (in production, any SMTP URL: smtp:// or smtps://, with user:password@ if needed).
    smtp: env.SMTP_URL || `smtp://${mailSmtp.host}:${mailSmtp.port}`,
    mailUi: `http://localhost:${mailUi.port}`,
  };
  // The bidding app and the admin panel (served by the cms) both open sockets to the gateway.
  const corsOrigins =
    env.CORS_ORIGINS || [appPort, cmsPort].flatMap((port) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`]).join(',');

  return {
    repoRoot,
    dataDir,
    ownStack,
    logDir: path.join(dataDir, 'logs'),
    // PM2's home is private to the stack: its daemon, sockets and dump never touch ~/.pm2,
    // and a PM2_HOME the user exported for their own PM2 is deliberately not read.
    // (CAR_AUCTION_PM2_HOME is for a data dir so deep that a Unix socket path in it
    // would pass the 107-byte limit.)
    pm2Home: path.resolve(env.CAR_AUCTION_PM2_HOME || path.join(dataDir, 'pm2')),
    kafka,
    kafkaControllerPort,
    redis,
    mongo,
    postgres,
    mailSmtp,
    mailUi,
    cmsPort,
    gatewayPort,
    notifierPort,
    appPort,
    appHost,
    urls,
    corsOrigins,
    appOutDir: env.APP_OUT_DIR || (ownStack ? path.join(dataDir, 'bidding-app') : path.join(repoRoot, 'bidding-app', 'dist')),
    // undefined: the cms keeps its own default (cms/.tmp/data.db).
    cmsDatabaseFile: env.DATABASE_FILENAME || (ownStack ? path.join(dataDir, 'cms', 'data.db') : undefined),
  };
}

/** What the bidding app's build reads (Vite bakes the URLs in at build time). */
function buildEnv(config) {
  return {
    VITE_CMS_URL: config.urls.browserCms,
    VITE_REALTIME_URL: config.urls.browserRealtime,
    VITE_NOTIFIER_URL: config.urls.notifier,
    APP_OUT_DIR: config.appOutDir,
  };
}

const shellQuote = (value) => `'${String(value).replace(/'/g, `'\\''`)}'`;

module.exports = { stackConfig, buildEnv, defaultDataDir, repoRoot };

if (require.main === module) {
  if (process.argv[2] !== 'build-env') {
    console.error('usage: node scripts/stack-config.cjs build-env');
    process.exit(2);
  }
  for (const [name, value] of Object.entries(buildEnv(stackConfig()))) console.log(`export ${name}=${shellQuote(value)}`);
}
