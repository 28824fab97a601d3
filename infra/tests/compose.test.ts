import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { repoRoot } from './helpers';

// The Compose specification's JSON schema, as shipped by the dclint package.
const schemaPath = path.join(path.dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
// The schema names the https form of draft-07's id, which Ajv only knows by its
// http form: skip the meta-check of the schema itself. Its formats (durations,
// port ranges) are Compose-specific, so Ajv is told to accept them as names only.
const loadValidator = () => {
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  return new Ajv({ allErrors: true, strict: false, validateSchema: false, validateFormats: false }).compile(schema);
};
// merge: Compose resolves YAML merge keys (<<), as used for the shared app environment.
const compose = parse(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true });

test('docker-compose.yml is valid against the Compose specification schema', () => {
  const validate = loadValidator();
  const valid = validate(compose);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
});

test('the schema check can fail: a broken file is refused', () => {
  const validate = loadValidator();
  expect(validate({ services: { cms: { ports: 1337, restart: 42 } } })).toBe(false);
});

test('it runs the whole stack with the apps on their ports', () => {
  // The fields asserted below; the schema test above checks the file as a whole.
  interface ComposeService {
    ports: string[];
    environment: Record<string, string>;
    command: string[];
    depends_on: Record<string, { condition: string }>;
  }
  type ServiceName =
    'bidding-app' | 'cms' | 'kafka' | 'kafka-init' | 'mailpit' | 'mongo' | 'notifier' | 'postgres' | 'redis' | 'stream-worker';
  const services = compose.services as Record<ServiceName, ComposeService>;
  expect(Object.keys(services).sort()).toEqual(
    ['bidding-app', 'cms', 'kafka', 'kafka-init', 'mailpit', 'mongo', 'notifier', 'postgres', 'redis', 'stream-worker'].sort(),
  );
  expect(services.cms.ports).toContain('1337:1337');
  expect(services['stream-worker'].ports).toContain('4000:4000');
  expect(services['bidding-app'].ports).toContain('3000:3000');
  // The notifier mails through the compose Mailpit and consumes the topic kafka-init creates.
  expect(services.notifier.ports).toContain('4100:4100');
  expect(services.notifier.environment.SMTP_URL).toBe('smtp://mailpit:1025');
  expect(services['kafka-init'].command.join(' ')).toMatch(/--topic auction-events --partitions 8/);
  // Mailpit on the ports infra/mail.sh uses: SMTP, then the web UI and API.
  expect(services.mailpit.ports).toEqual(['1025:1025', '8025:8025']);
  expect(services.mailpit.environment.MP_SMTP_AUTH_ACCEPT_ANY).toBe('true');
  expect(services.kafka.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
  expect(services['kafka-init'].command.join(' ')).toMatch(/--topic bids --partitions 8/);
  expect(services.redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
  expect(services.cms.environment.DATABASE_CLIENT).toBe('postgres');
  expect(services.cms.depends_on['kafka-init']?.condition).toBe('service_completed_successfully');
});

test('every long-running service restarts and has a health check; start order waits on health', () => {
  interface ComposeService {
    restart?: string;
    healthcheck?: { test: string[] | string; interval?: string; retries?: number };
    depends_on?: Record<string, { condition: string }> | string[];
  }
  const services = compose.services as Record<string, ComposeService>;
  const longRunning = Object.keys(services).filter((name) => name !== 'kafka-init');
  expect(longRunning.sort()).toEqual(['bidding-app', 'cms', 'kafka', 'mailpit', 'mongo', 'notifier', 'postgres', 'redis', 'stream-worker']);
  for (const name of longRunning) {
    const service = services[name]!;
    expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
    expect({ name, test: Array.isArray(service.healthcheck?.test) && service.healthcheck.test.length > 1 }).toEqual({ name, test: true });
  }
  // The one-shot topic creation runs once, it is not restarted.
  expect(services['kafka-init']!.restart).toBe('no');
  // Each check uses a tool its image has: Node in the app images, wget in nginx:alpine.
  expect(services.cms!.healthcheck!.test).toEqual(expect.arrayContaining(['node', expect.stringContaining('/_health')]));
  expect(services['stream-worker']!.healthcheck!.test).toEqual(expect.arrayContaining(['node', expect.stringContaining('/healthz')]));
  expect(services['bidding-app']!.healthcheck!.test).toEqual(expect.arrayContaining(['wget']));
  expect(services.mailpit!.healthcheck!.test).toEqual(['CMD', '/mailpit', 'readyz']);
  const condition = (service: string, dependency: string) =>
    (services[service]!.depends_on as Record<string, { condition: string }>)[dependency]?.condition;
  for (const dependency of ['postgres', 'redis', 'mongo']) expect(condition('cms', dependency)).toBe('service_healthy');
  for (const dependency of ['redis', 'mongo', 'cms']) expect(condition('stream-worker', dependency)).toBe('service_healthy');
  expect(condition('kafka-init', 'kafka')).toBe('service_healthy');
});
