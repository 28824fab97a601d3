import mongoose from 'mongoose';
import { AUCTION_EVENTS_TOPIC, NOTIFIER_COLLECTIONS } from '@car-auction/contracts';
import { sleep } from '@car-auction/test-support/wait';
import type { BenchContext } from '../context';
import { log } from '../log';
import { BidMessageFactory, BIDS_TOPIC } from '../kafka/bid-messages';
import { totalMessages } from '../kafka/kafka-admin';
import type { CpuUse } from '../procs/cpu';
import { startNotifier } from '../procs/notifier-process';

/** (e) The notifier following auction-events while bids arrive at a fixed rate. */
export interface NotifierLagResult {
  offeredRate: number;
  seconds: number;
  auctions: number;
  bidsProduced: number;
  /** Records the worker produced to auction-events meanwhile (one per auction per chunk). */
  eventRecords: number;
  /** Notifications made (in-app), and per second from the first bid to the last one made. */
  notifications: number;
  notificationsPerSecond: number;
  /** auction-events records not yet committed by the notifier's group: the most seen, and at the end of the load. */
  lagMax: number;
  lagAtLoadEnd: number;
  /** From the end of the load until the group had committed everything; null if not within the drain time. */
  secondsToCatchUp: number | null;
  /** Outbid notifications (each would be a mail without coalescing) against the outbid mails sent. */
  outbidNotifications: number;
  outbidMailsSent: number;
  outbidMailsCoalesced: number;
  /** Every mail sent, and per minute from the first bid to the last mail sent. */
  mailsSent: number;
  mailsPerMinute: number;
  /** Mails still pending or failed when the stage ended. */
  mailsNotSent: number;
  cpu: CpuUse[];
}

/** One send per slice: a slice's bids go in one batch, as the cms's send batcher does. */
const SLICE_MS = 100;

/**
 * (e) Bids straight to `bids` at `plan.notify.rate` on auctions of their own
 * (every bid outbids the last leader: an outbid and a lead per bid; a few
 * bidders take turns on every auction, as in a real bidding war), decided
 * by the live worker, whose events a notifier (a group of its own, from the
 * end of the topic) turns into notifications and mails to the bench's
 * Mailpit. Measured: the notifier's lag behind auction-events, the
 * notifications made, and the mails sent with coalescing (at most one outbid
 * mail per auction and user per 15 minutes) beside the mails there would be
 * without it.
 */
export async function runNotifierLag(ctx: BenchContext): Promise<NotifierLagResult> {
  const worker = ctx.worker;
  if (!worker) throw new Error('the notify stage needs a running worker');
  const { notify } = ctx.plan;
  const factory = new BidMessageFactory(ctx.auctions.notify, ctx.bidders.slice(0, notify.bidders), 'manual');
  const auctionIds = factory.auctionIds;
  const groupId = `bench-${ctx.runTag}-notifier`;
  // The bench's database holds only bench data: the notifier's collections start empty, so
  // every count below is an equality filter (FerretDB scans the collection for `$in`).
  const store = await mongoose.createConnection(ctx.services.mongoUrl).asPromise();
  for (const name of Object.values(NOTIFIER_COLLECTIONS)) await store.dropCollection(name).catch(() => undefined);
  const mails = store.collection(NOTIFIER_COLLECTIONS.mails);
  const notifications = store.collection(NOTIFIER_COLLECTIONS.notifications);
  const notifier = await startNotifier(groupId, ctx.cms.url, ctx.services, `notifier-${ctx.runTag}`);
  ctx.cpu.track('notifier', notifier.pid);
  const producer = await ctx.kafka.producer();
  try {
    const eventsBefore = await ctx.kafka.topicEnd(AUCTION_EVENTS_TOPIC);
    const decidedBefore = await worker.decidedTotal();
    const lag = async () => ctx.kafka.lag(groupId, await ctx.kafka.topicEnd(AUCTION_EVENTS_TOPIC), AUCTION_EVENTS_TOPIC, eventsBefore);
    let lagMax = 0;
    let sampling = true;
    const sampler = (async () => {
      for (let guard = 0; sampling && guard < 2_000; guard++) {
        lagMax = Math.max(lagMax, await lag().catch(() => 0));
        await sleep(250);
      }
    })();

    const before = ctx.cpu.snapshot();
    const startedAt = Date.now();
    const total = Math.round(notify.rate * notify.seconds);
    const perSlice = Math.max(1, Math.round((notify.rate * SLICE_MS) / 1000));
    let produced = 0;
    for (let slice = 0; produced < total && slice < 100_000; slice++) {
      const dueAt = startedAt + slice * SLICE_MS;
      if (dueAt > Date.now()) await sleep(dueAt - Date.now());
      const n = Math.min(perSlice, total - produced);
      const placedAt = Date.now();
      const messages = Array.from({ length: n }, (_, k) => factory.message(produced + k, placedAt));
      await producer.send({ topic: BIDS_TOPIC, acks: -1, messages });
      produced += n;
    }
    const loadEndedAt = Date.now();
    const lagAtLoadEnd = await lag();
    log(`notify: ${produced} bids produced in ${((loadEndedAt - startedAt) / 1000).toFixed(1)} s; notifier lag ${lagAtLoadEnd} records`);

    // Caught up: the worker decided every bid and the notifier committed every record it produced.
    let caughtUpAt: number | null = null;
    const deadline = loadEndedAt + notify.drainSeconds * 1000;
    while (Date.now() < deadline) {
      const decided = (await worker.decidedTotal()) - decidedBefore;
      if (decided >= produced && (await lag()) === 0) {
        caughtUpAt = Date.now();
        break;
      }
      await sleep(200);
    }
    // The mails go out after their notifications: wait (bounded) for the outbox to empty.
    const inOutbox = async () => (await mails.countDocuments({ status: 'pending' })) + (await mails.countDocuments({ status: 'sending' }));
    for (let guard = 0; guard < notify.drainSeconds * 2; guard++) {
      if ((await inOutbox()) === 0) break;
      await sleep(500);
    }
    log(`notify: ${caughtUpAt === null ? 'not caught up' : 'caught up'}; outbox ${await inOutbox()} mails`);
    const cpu = ctx.cpu.between(before, ctx.cpu.snapshot());
    sampling = false;
    await sampler;

    const lastMail = (await mails.find({ status: 'sent' }).sort({ sentAt: -1 }).limit(1).toArray())[0];
    const lastSent = lastMail?.sentAt ? new Date(lastMail.sentAt as Date).getTime() : 0;
    const made = await notifications.countDocuments({});
    const lastMade = (await notifications.find({}).sort({ createdAt: -1 }).limit(1).toArray())[0];
    const madeSeconds = lastMade ? (new Date(lastMade.createdAt as Date).getTime() - startedAt) / 1000 : 0;
    const mailsSent = await mails.countDocuments({ status: 'sent' });
    const result: NotifierLagResult = {
      offeredRate: notify.rate,
      seconds: notify.seconds,
      auctions: auctionIds.length,
      bidsProduced: produced,
      eventRecords: totalMessages(eventsBefore, await ctx.kafka.topicEnd(AUCTION_EVENTS_TOPIC)),
      notifications: made,
      notificationsPerSecond: madeSeconds > 0 ? Math.round(made / madeSeconds) : 0,
      lagMax,
      lagAtLoadEnd,
      secondsToCatchUp: caughtUpAt === null ? null : (caughtUpAt - loadEndedAt) / 1000,
      outbidNotifications: await notifications.countDocuments({ kind: 'outbid' }),
      outbidMailsSent: await mails.countDocuments({ kind: 'outbid', status: 'sent' }),
      outbidMailsCoalesced: await notifications.countDocuments({ kind: 'outbid', mail: 'coalesced' }),
      mailsSent,
      mailsPerMinute: lastSent > startedAt ? Math.round((mailsSent * 60_000) / (lastSent - startedAt)) : 0,
      mailsNotSent: (await inOutbox()) + (await mails.countDocuments({ status: 'failed' })),
      cpu,
    };
    log(
      `notify: ${produced} bids at ${notify.rate}/s -> ${result.eventRecords} event records, ${made} notifications (${result.notificationsPerSecond}/s); ` +
        `lag max ${lagMax}, caught up ${result.secondsToCatchUp ?? 'n/a'} s after the load; ${mailsSent} mails (${result.mailsPerMinute}/min), ` +
        `outbid: ${result.outbidNotifications} notices, ${result.outbidMailsSent} mailed, ${result.outbidMailsCoalesced} coalesced`,
    );
    return result;
  } finally {
    await producer.disconnect().catch(() => undefined);
    await store.close().catch(() => undefined);
    await notifier.stop();
    ctx.cpu.untrack('notifier');
  }
}
