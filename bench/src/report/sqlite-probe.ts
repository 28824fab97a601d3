import fs from 'node:fs';
import path from 'node:path';
import { BENCH_DATA_DIR } from '../paths';
import { newLatencyHistogram, summarise, type LatencySummary } from '../load/histogram';

interface Statement {
  run(...args: unknown[]): unknown;
}
interface SqliteDatabase {
  pragma(source: string): unknown;
  exec(source: string): void;
  prepare(source: string): Statement;
  close(): void;
}

/**
 * How long one SQLite write transaction takes on this machine's disk with the
 * settings the cms runs with (Strapi's defaults: journal_mode=DELETE,
 * synchronous=FULL, so several fsyncs per commit). better-sqlite3 is
 * synchronous: the cms's event loop stands still for that long on every write
 * (the worker's post-backs, the baseline's bids). Measured in bench/.data,
 * next to the repository's cms/.tmp on the same file system.
 */
export function sqliteWriteProbe(transactions = 100): { journalDeleteSyncFull: LatencySummary; walSyncNormal: LatencySummary } | null {
  let Database: new (file: string) => SqliteDatabase;
  try {
    // The cms's driver (hoisted to the root node_modules); no types are installed for it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Database = require('better-sqlite3');
  } catch {
    return null;
  }
  fs.mkdirSync(BENCH_DATA_DIR, { recursive: true });
  const measure = (journal: string, synchronous: string): LatencySummary => {
    const file = path.join(BENCH_DATA_DIR, `sqlite-probe-${journal}.db`);
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    const db = new Database(file);
    try {
      db.pragma(`journal_mode = ${journal}`);
      db.pragma(`synchronous = ${synchronous}`);
      db.exec('create table t (id integer primary key, v integer)');
      db.prepare('insert into t values (1, 0)').run();
      const update = db.prepare('update t set v = v + 1 where id = 1');
      const h = newLatencyHistogram();
      for (let i = 0; i < transactions; i++) {
        const t = performance.now();
        update.run();
        h.recordValue(Math.max(1, Math.round((performance.now() - t) * 1000)));
      }
      return summarise(h);
    } finally {
      db.close();
      for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    }
  };
  return { journalDeleteSyncFull: measure('delete', 'full'), walSyncNormal: measure('wal', 'normal') };
}
