import mongoose, { type Connection } from 'mongoose';
import { Redis } from 'ioredis';
import { auctionEventIds, type AuctionEvent, type NotificationKind } from '@car-auction/contracts';
import { insertIfAbsent } from '@car-auction/service-support';
import { outbidMailClaims } from '../src/planning/outbid-mail-claims';
import { recordNotifications, type RecordDeps } from '../src/planning/record-notifications';
import { auctionAudience } from '../src/recipients/auction-audience';
import { ensureCollections, notifierModels, type NotifierModels } from '../src/store/models';

// Against the real store (FerretDB) and Redis that scripts/test.sh starts.
const mongoUrl = (process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/car-auction').replace(
  /\/[^/]*$/,
  `/notifier-record-${Date.now().toString(36)}`,
);
const run = Date.now().toString(36);

let connection: Connection;
let models: NotifierModels;
let redis: Redis;
let deps: RecordDeps;

beforeAll(async () => {
  connection = await mongoose.createConnection(mongoUrl, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  models = notifierModels(connection);
  await ensureCollections(models);
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  deps = {
    models,
    audience: auctionAudience(connection, models),
    // The cms's title lookup is outside what these tests are about (e2e covers it).
    directory: { auctionTitle: async () => '1967 Test Car' },
    outbidMails: outbidMailClaims(redis, 60_000),
  };
});
afterAll(async () => {
  const keys = await redis.keys(`notifier:outbid-mail:*:${run}-*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await connection.dropDatabase().catch(() => undefined);
  await connection.close();
});

/** A bid by `leader` on `auctionId` that outbids `outbid` (if any). */
function bidEvents(auctionId: string, bidId: string, leader: number, outbid: number | null, price: number): AuctionEvent[] {
  const at = Date.now();
  const events: AuctionEvent[] = [];
  if (outbid !== null)
    events.push({ kind: 'outbid', eventId: auctionEventIds.outbid(bidId, outbid), auctionId, at, userId: outbid, price, bidId });
  events.push({ kind: 'leading', eventId: auctionEventIds.leading(bidId, leader), auctionId, at, userId: leader, price, bidId });
  return events;
}

describe('recording notifications on the real store and Redis', () => {
  it('makes a notice per outbid but one mail per auction and user within the cooldown, and nothing twice on redelivery', async () => {
    const auctionId = `${run}-coalesce`;
    const events = [
      ...bidEvents(auctionId, `${run}-b1`, 11, null, 100_000),
      ...bidEvents(auctionId, `${run}-b2`, 12, 11, 110_000),
      ...bidEvents(auctionId, `${run}-b3`, 11, 12, 120_000),
      ...bidEvents(auctionId, `${run}-b4`, 12, 11, 130_000),
    ];
    const made = await recordNotifications(events, deps);
    expect(made.map((n) => `${n.kind}:${n.userId}`)).toEqual([
      'leading:11',
      'outbid:11',
      'leading:12',
      'outbid:12',
      'leading:11',
      'outbid:11',
      'leading:12',
    ]);
    const decisions = async (kind: NotificationKind) =>
      (await models.notifications.find({ auctionId, kind }).sort({ _id: 1 }).lean().exec()).map((n) => `${n.userId}:${n.mail}`).sort();
    expect(await decisions('outbid')).toEqual(['11:coalesced', '11:queued', '12:queued']);
    expect(await decisions('leading')).toEqual(['11:not_wanted', '11:not_wanted', '12:not_wanted', '12:not_wanted']);
    // The outbox holds only the mails to send.
    const outbox = await models.mails.find({ auctionId }).lean().exec();
    expect(outbox.map((m) => `${m.kind}:${m.userId}:${m.status}`).sort()).toEqual(['outbid:11:pending', 'outbid:12:pending']);

    // Redelivered (a crash before the commit), with the next bid after it.
    const again = await recordNotifications([...events, ...bidEvents(auctionId, `${run}-b5`, 11, 12, 140_000)], deps);
    expect(again.map((n) => `${n.kind}:${n.userId}`)).toEqual(['outbid:12', 'leading:11']);
    expect(await models.notifications.countDocuments({ auctionId })).toBe(9);
    // user 12's second outbid falls in the window their first mail opened.
    expect(await decisions('outbid')).toEqual(['11:coalesced', '11:queued', '12:coalesced', '12:queued']);
    expect(await models.mails.countDocuments({ auctionId })).toBe(2);
    expect((await models.participations.findById(`11|${auctionId}`).lean().exec())?.status).toBe('leading');
    expect((await models.participations.findById(`12|${auctionId}`).lean().exec())?.status).toBe('outbid');
  });

  it('records a batch that moves many users in many auctions (60 rows replaced, in writes of at most 16)', async () => {
    const auctions = Array.from({ length: 30 }, (_, i) => `${run}-many-${i}`);
    const first = auctions.flatMap((auctionId, i) => bidEvents(auctionId, `${run}-m1-${i}`, 21, null, 100_000));
    await recordNotifications(first, deps);
    // Every row already there is now replaced: 60 updates in one batch.
    const second = auctions.flatMap((auctionId, i) => bidEvents(auctionId, `${run}-m2-${i}`, 22, 21, 110_000));
    const made = await recordNotifications(second, deps);
    expect(made).toHaveLength(60);
    const rows = await models.participations
      .find({ auctionId: { $in: auctions } })
      .lean()
      .exec();
    expect(rows).toHaveLength(60);
    expect(rows.filter((r) => r.userId === 21).every((r) => r.status === 'outbid' && r.price === 110_000)).toBe(true);
    expect(rows.filter((r) => r.userId === 22).every((r) => r.status === 'leading')).toBe(true);
  });

  it('insertIfAbsent says which documents were already there and leaves them unchanged', async () => {
    const collection = connection.collection(`insert-if-absent-${run}`);
    expect([
      ...(await insertIfAbsent(collection, [
        { _id: 'a', v: 1 },
        { _id: 'b', v: 1 },
      ])),
    ]).toEqual([]);
    const seen = await insertIfAbsent(collection, [
      { _id: 'c', v: 2 },
      { _id: 'a', v: 2 },
      { _id: 'd', v: 2 },
      { _id: 'b', v: 2 },
    ]);
    expect([...seen].sort()).toEqual([1, 3]);
    const stored = await collection.find({}).sort({ _id: 1 }).toArray();
    expect(stored.map((d) => `${String(d._id)}${d.v}`)).toEqual(['a1', 'b1', 'c2', 'd2']);
  });
});
