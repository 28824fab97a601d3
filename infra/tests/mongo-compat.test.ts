import mongoose from 'mongoose';

// The ledger (stream-worker) relies on these mongoose features; this proves the
// local MongoDB-compatible server (FerretDB) provides them.
const url = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/infra-tests';

const entrySchema = new mongoose.Schema({
  bidId: { type: String, required: true, unique: true },
  auctionId: { type: String, required: true, index: true },
  amount: { type: Number, required: true },
  offset: { type: Number, required: true },
});

let connection: mongoose.Connection;
const entryModel = (c: mongoose.Connection) => c.model(`Entry${Date.now()}`, entrySchema);
let Entry: ReturnType<typeof entryModel>;

beforeAll(async () => {
  connection = await mongoose.createConnection(url, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  Entry = entryModel(connection);
  await Entry.init();
});

afterAll(async () => {
  await Entry.collection.drop().catch(() => undefined);
  await connection.close();
});

test('insertMany, unique index, bulkWrite upserts and sorted reads work', async () => {
  await Entry.insertMany([
    { bidId: 'a', auctionId: 'x', amount: 100, offset: 1 },
    { bidId: 'b', auctionId: 'x', amount: 200, offset: 2 },
  ]);
  await expect(Entry.create({ bidId: 'a', auctionId: 'x', amount: 1, offset: 9 })).rejects.toMatchObject({ code: 11000 });

  // Idempotent replay: upserting the same bids again changes nothing.
  const replay = [
    { bidId: 'b', auctionId: 'x', amount: 200, offset: 2 },
    { bidId: 'c', auctionId: 'x', amount: 300, offset: 3 },
  ].map((doc) => ({ updateOne: { filter: { bidId: doc.bidId }, update: { $setOnInsert: doc }, upsert: true } }));
  const first = await Entry.bulkWrite(replay, { ordered: false });
  expect(first.upsertedCount).toBe(1);
  const second = await Entry.bulkWrite(replay, { ordered: false });
  expect(second.upsertedCount).toBe(0);

  const rows = await Entry.find({ auctionId: 'x' }).sort({ offset: -1 }).lean();
  expect(rows.map((r) => r.bidId)).toEqual(['c', 'b', 'a']);
});
