import path from 'node:path';
import { rmSync } from 'node:fs';
import { sqliteFiles } from '@car-auction/test-support/cms-test-env';

// Every run starts from an empty test database (files share it, one after another).
export default function globalSetup() {
  const file = path.resolve(__dirname, '..', process.env.TEST_DATABASE_FILENAME ?? '.tmp/test.db');
  for (const name of sqliteFiles(file)) rmSync(name, { force: true });
}
