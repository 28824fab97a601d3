import path from 'node:path';
import { startNotifierProcess, type NotifierProcess } from '@car-auction/test-support/notifier-process';
import { freePort } from '@car-auction/test-support/ports';
import { log } from '../log';
import { CHILD_LOG_DIR } from '../paths';
import { onCleanup } from '../lifecycle/cleanup';
import type { Services } from '../infra/services';

/** `node notifier/dist/main.js` for the bench: its own group from the end of auction-events, mail to the bench's Mailpit; stopped on any exit of the bench. */
export async function startNotifier(groupId: string, cmsUrl: string, services: Services, logName: string): Promise<NotifierProcess> {
  const notifier = await startNotifierProcess({
    name: `notifier ${groupId}`,
    port: await freePort(),
    logFile: path.join(CHILD_LOG_DIR, `${logName}.log`),
    timeoutMs: 90_000,
    env: {
      KAFKA_BROKERS: services.kafkaBrokers.join(','),
      NOTIFIER_GROUP_ID: groupId,
      NOTIFIER_START_AT: 'latest',
      CMS_URL: cmsUrl,
      REDIS_URL: services.redisUrl,
      MONGO_URL: services.mongoUrl,
      SMTP_URL: services.smtpUrl,
      LOG_LEVEL: 'warn',
    },
  });
  const unregister = onCleanup(`stop notifier ${groupId} (pid ${notifier.pid})`, async () => {
    await notifier.stop();
  });
  void notifier.exited.then(unregister);
  log(`notifier up at ${notifier.url} (pid ${notifier.pid}, group ${groupId})`);
  return notifier;
}
