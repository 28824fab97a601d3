import path from 'node:path';
import { rmSync } from 'node:fs';

// Every run starts from an empty test database (files share it, one after another).
export default function globalSetup() {
  const file = path.resolve(__dirname, '..', process.env.TEST_DATABASE_FILENAME ?? '.tmp/test.db');
  rmSync(file, { force: true });
  rmSync(`${file}-journal`, { force: true });
  rmSync(`${file}-wal`, { force: true });
}
