/** What insertIfAbsent needs of a MongoDB driver collection (mongoose's `model.collection`). */
export interface InsertableCollection {
  insertMany(docs: never[], options: { ordered: false }): Promise<unknown>;
}

const DUPLICATE_KEY = 11000;

/** The driver's write errors, which it gives as an array or, for one, as the error itself. */
function writeErrorsOf(err: unknown): { code?: number; index?: number }[] {
  const writeErrors = (err as { writeErrors?: unknown }).writeErrors;
  if (Array.isArray(writeErrors)) return writeErrors as { code?: number; index?: number }[];
  return writeErrors ? [writeErrors as { code?: number; index?: number }] : [];
}

/**
 * Inserts the documents whose `_id` is not stored yet, in one unordered
 * round trip, and leaves the stored ones as they are; resolves with the
 * positions (in `docs`) of those that were already there. Any other write
 * error throws. This is an insert-if-absent without upserts: FerretDB 1.24
 * scans the collection for each upsert, and a batch of updates of more than
 * a few dozen statements exhausts its connection pool and hangs it for every
 * client; plain inserts do neither.
 */
export async function insertIfAbsent(collection: InsertableCollection, docs: readonly object[]): Promise<Set<number>> {
  if (docs.length === 0) return new Set();
  try {
    await collection.insertMany(docs as never[], { ordered: false });
    return new Set();
  } catch (err) {
    const errors = writeErrorsOf(err);
    if (errors.length === 0 || errors.some((e) => e.code !== DUPLICATE_KEY || typeof e.index !== 'number')) throw err;
    return new Set(errors.map((e) => e.index!));
  }
}
