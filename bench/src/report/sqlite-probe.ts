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

export interface SqliteProbeResult {
  journalDeleteSyncFull: LatencySummary;
  walSyncNormal: LatencySummary;
  /** journal_mode of the cms's bench database after the run (persistent in the file), or null if unreadable. */
  cmsJournalMode: string | null;
}

/**
 * How long one SQLite write transaction takes on this machine's disk, with
 * Strapi's defaults (journal_mode=DELETE, synchronous=FULL: several fsyncs per
 * commit) and with WAL + synchronous=NORMAL. better-sqlite3 is synchronous:
 * the cms's event loop stands still for that long on every write (post-backs,
 * the baseline's bids). Measured in bench/.data, on the same file system as
 * cms/.tmp; the journal mode the cms's own database ran in is read from it.
 */
export function sqliteWriteProbe(cmsDatabaseFile: string, transactions = 100): SqliteProbeResult | null {
  let Database: new (file: string, options?: { readonly?: boolean; fileMustExist?: boolean }) => SqliteDatabase;
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
  let cmsJournalMode: string | null = null;
  try {
    const db = new Database(cmsDatabaseFile, { readonly: true, fileMustExist: true });
    try {
      cmsJournalMode = String((db.pragma('journal_mode') as { journal_mode?: string }[])[0]?.journal_mode ?? '') || null;
    } finally {
      db.close();
    }
  } catch {
    // no database (cms never started) or unreadable: leave it unknown
  }
  return { journalDeleteSyncFull: measure('delete', 'full'), walSyncNormal: measure('wal', 'normal'), cmsJournalMode };
}
