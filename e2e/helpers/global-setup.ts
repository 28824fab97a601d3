import path from 'node:path';
import { rmSync } from 'node:fs';

export default function globalSetup() {
  const db = path.resolve(__dirname, '..', '..', 'cms', '.tmp', 'e2e.db');
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  // One consumer group per run, shared by the files (runInBand): each file starts
  // where the previous one committed, not at the beginning of the topic.
  process.env.E2E_GROUP_ID = `e2e-${Date.now()}`;
}
