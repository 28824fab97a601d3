import path from 'path';
import type { Core } from '@strapi/strapi';

// SQLite (embedded) by default; PostgreSQL when DATABASE_CLIENT=postgres (docker-compose).
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const client = env('DATABASE_CLIENT', 'sqlite');

  if (client === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: {
          connectionString: env('DATABASE_URL'),
          host: env('DATABASE_HOST', 'localhost'),
          port: env.int('DATABASE_PORT', 5432),
          database: env('DATABASE_NAME', 'strapi'),
          user: env('DATABASE_USERNAME', 'strapi'),
          password: env('DATABASE_PASSWORD', 'strapi'),
          ssl: env.bool('DATABASE_SSL', false),
          schema: env('DATABASE_SCHEMA', 'public'),
        },
        pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
    };
  }
  if (client !== 'sqlite') {
    throw new Error(`Unsupported DATABASE_CLIENT "${client}": use "sqlite" or "postgres".`);
  }
  return {
    connection: {
      client: 'sqlite',
      connection: {
        // Relative to cms/ (this file runs from cms/dist/config).
        filename: path.resolve(__dirname, '..', '..', env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
      pool: {
        // better-sqlite3 is synchronous: with the default rollback journal and full
        // sync, every write holds Node's only thread through several fsyncs. WAL with
        // NORMAL sync keeps a commit to one append (durable at the next checkpoint;
        // a power cut may lose the last commits, never corrupt the file), and lets
        // readers run beside the writer.
        afterCreate: (conn: unknown, done: (err?: Error, conn?: unknown) => void) => {
          try {
            const db = conn as { pragma(sql: string): unknown };
            db.pragma('journal_mode = WAL');
            db.pragma('synchronous = NORMAL');
            done(undefined, conn);
          } catch (err) {
            done(err as Error, conn);
          }
        },
      },
    },
  };
};

export default config;
