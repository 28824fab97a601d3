import path from 'node:path';
import { rmSync } from 'node:fs';
import { sqliteFiles } from '@car-auction/test-support/cms-test-env';

export default function globalSetup() {
  for (const file of sqliteFiles(path.resolve(__dirname, '..', '..', 'cms', '.tmp', 'e2e.db'))) rmSync(file, { force: true });
  // One consumer group per run, shared by the files (runInBand): each file starts
  // where the previous one committed, not at the beginning of the topic.
  process.env.E2E_GROUP_ID = `e2e-${Date.now()}`;
}
