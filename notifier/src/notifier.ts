import http from 'node:http';
import mongoose, { type Connection } from 'mongoose';
import { Redis } from 'ioredis';
import { authenticateWithCms, createKafkaClient, errorMessage, retryUntilDone, roomEmitter } from '@car-auction/service-support';
import type { NotifierConfig } from './config';
import { createEventConsumer } from './consumer/event-consumer';
import { notifierHttp } from './http/notifier-http';
import type { Logger } from './log';
import { createMailSender } from './mail/mail-sender';
import { createSmtpTransport } from './mail/smtp-transport';
import { outbidMailClaims } from './planning/outbid-mail-claims';
import { recordNotifications } from './planning/record-notifications';
import { notificationPusher } from './push/push-notifications';
import { auctionAudience } from './recipients/auction-audience';
import { cmsDirectory } from './recipients/cms-directory';
import { TtlCache } from './recipients/ttl-cache';
import { ensureCollections, notifierModels } from './store/models';

export interface RunningNotifier {
  port: number;
  stop(): Promise<void>;
}

type Dependency = 'kafka' | 'mongo' | 'redis' | 'smtp' | 'cms';

/**
 * Connects everything and starts the notifier: the HTTP API at once (it says
 * `degraded` on /healthz while a dependency is down), then, in the
 * background, the store, the consumer and the mail sender, each waiting for
 * what it needs.
 */
export async function startNotifier(config: NotifierConfig, log: Logger): Promise<RunningNotifier> {
  const down = new Map<Dependency, string>([
    ['kafka', 'not joined yet'],
    ['mongo', 'not connected yet'],
  ]);
  const mark = (dependency: Dependency, up: boolean, reason = 'no answer') => {
    const was = down.get(dependency);
    if (up && was !== undefined) {
      down.delete(dependency);
      log.info({ dependency }, 'dependency is back up');
    } else if (!up && was === undefined) {
      down.set(dependency, reason);
      log.warn({ dependency, reason }, 'dependency is down; degraded until it is back');
    }
  };
  const health = () => ({
    status: down.size === 0 ? ('ok' as const) : ('degraded' as const),
    dependencies: Object.fromEntries(
      (['kafka', 'mongo', 'redis', 'smtp', 'cms'] as const).map((d) => [
        d,
        down.has(d) ? { up: false, reason: down.get(d) } : { up: true },
      ]),
    ),
  });

  const connection: Connection = mongoose.createConnection(config.MONGO_URL, { serverSelectionTimeoutMS: 10_000 });
  connection.on('error', (err: Error) => log.warn({ err: err.message }, 'store connection error'));
  connection.on('disconnected', () => mark('mongo', false, 'disconnected from the store'));
  connection.on('connected', () => mark('mongo', true));
  connection.on('reconnected', () => mark('mongo', true));
  const models = notifierModels(connection);
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: false });
  // Redis carries the live pushes and the outbid mail windows (a batch waits for it).
  redis.on('error', (err) => mark('redis', false, err.message));
  redis.on('ready', () => mark('redis', true));
  const emitter = roomEmitter(redis, (err) => log.warn({ err: err.message }, 'live push not published'));
  const directory = cmsDirectory(config.CMS_URL, config.WORKER_API_TOKEN);
  const whose = authenticateWithCms(config.CMS_URL);
  const sessions = new TtlCache<{ id: number } | null>(30_000);
  const authenticate = async (token: string) => {
    const cached = sessions.get(token);
    if (cached !== undefined) return cached;
    const user = await whose(token);
    sessions.set(token, user);
    return user;
  };

  const server = http.createServer(
    notifierHttp({
      models,
      directory,
      log,
      corsOrigins: config.CORS_ORIGINS,
      appUrl: config.APP_URL,
      unsubscribeSecret: config.UNSUBSCRIBE_SECRET,
      authenticate,
      health,
    }),
  );
  await new Promise<void>((resolve) => server.listen(config.NOTIFIER_PORT, config.NOTIFIER_HOST, resolve));
  const port = (server.address() as { port: number }).port;

  const transport = createSmtpTransport(config.SMTP_URL);
  const sender = createMailSender({
    models,
    directory,
    transport,
    log,
    from: config.MAIL_FROM,
    appUrl: config.APP_URL,
    publicUrl: config.NOTIFIER_PUBLIC_URL,
    unsubscribeSecret: config.UNSUBSCRIBE_SECRET,
    intervalMs: config.MAIL_TICK_MS,
    maxAttempts: config.MAIL_MAX_ATTEMPTS,
    claimExpiresMs: config.MAIL_CLAIM_EXPIRES_MS,
    onServerAnswer: (up, reason) => mark('smtp', up, reason),
  });
  const kafka = createKafkaClient('notifier', config.KAFKA_BROKERS, log);
  const push = notificationPusher(emitter, models, log);
  const outbidMails = outbidMailClaims(redis, config.OUTBID_EMAIL_COOLDOWN_MS);
  const consumer = createEventConsumer({
    kafka,
    groupId: config.NOTIFIER_GROUP_ID,
    fromBeginning: config.NOTIFIER_START_AT === 'earliest',
    sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
    log,
    record: async (events) => {
      try {
        const created = await recordNotifications(events, {
          models,
          audience: auctionAudience(connection, models),
          directory,
          outbidMails,
        });
        mark('cms', true);
        return created;
      } catch (err) {
        if (/cms answered|fetch failed|aborted|timeout/i.test(errorMessage(err))) mark('cms', false, errorMessage(err));
        throw err;
      }
    },
    onRecorded: (created) => {
      if (created.length > 0) log.debug({ notifications: created.length }, 'notifications made');
      push(created);
    },
    onKafka: (up, reason) => mark('kafka', up, reason),
  });

  const stopping = new AbortController();
  const started = (async () => {
    await retryUntilDone(() => connection.asPromise(), {
      what: 'connect to the store',
      log,
      signal: stopping.signal,
      onFailure: (err) => mark('mongo', false, errorMessage(err)),
    });
    mark('mongo', true);
    await retryUntilDone(() => ensureCollections(models), { what: 'create the notification collections', log, signal: stopping.signal });
    sender.start();
    await consumer.start(stopping.signal);
    log.info('notifier consuming auction events');
  })().catch((err: unknown) => {
    if (!stopping.signal.aborted) log.error({ err }, 'notifier start failed');
  });
  log.info({ port }, 'notifier started');

  return {
    port,
    async stop() {
      stopping.abort(new Error('the notifier is stopping'));
      await started;
      await consumer.stop().catch(() => undefined);
      await sender.stop();
      transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connection.close().catch(() => undefined);
      redis.disconnect();
    },
  };
}
