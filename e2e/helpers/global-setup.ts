import path from 'node:path';
import { rmSync } from 'node:fs';
import mongoose from 'mongoose';
import { NOTIFIER_COLLECTIONS } from '@car-auction/contracts';
import { sqliteFiles } from '@car-auction/test-support/cms-test-env';

export default async function globalSetup() {
  for (const file of sqliteFiles(path.resolve(__dirname, '..', '..', 'cms', '.tmp', 'e2e.db'))) rmSync(file, { force: true });
  // The users those notifications, preferences and watches belonged to went with that
  // database, and the new one numbers its users from 1 again: they would be someone else's.
  const store = await mongoose.createConnection(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/car-auction').asPromise();
  try {
    for (const name of Object.values(NOTIFIER_COLLECTIONS)) await store.db!.collection(name).deleteMany({});
  } finally {
    await store.close();
  }
  // One consumer group per run, shared by the files (runInBand): each file starts
  // where the previous one committed, not at the beginning of the topic.
  process.env.E2E_GROUP_ID = `e2e-${Date.now()}`;
}
