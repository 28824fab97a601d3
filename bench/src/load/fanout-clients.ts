/**
 * Worker thread holding the fan-out stage's watchers, so that decoding their
 * events does not delay the main thread's send schedule. Talks to the main
 * thread with messages (see FanoutCommand / FanoutReport).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pooled } from '@car-auction/test-support/pool';
import { LoopDelay } from './event-loop';
import { epochMs, newLatencyHistogram, summarise, type LatencySummary } from './histogram';
import { connectWatcher, joinAuction, type WatchSocket } from './sockets';

export interface FanoutClientsInput {
  url: string;
  auctionId: string;
  sockets: number;
}

export type FanoutCommand = { type: 'sent'; amount: number; at: number } | { type: 'finish'; finalPrice: number; waitMs: number };

export type FanoutReport =
  | { type: 'ready'; connected: number; failed: number; connectSeconds: number; firstError: string | null }
  | {
      type: 'result';
      deliveries: number;
      /** Scheduled POST of the bid -> arrival at each watcher. */
      latency: LatencySummary;
      /** Scheduled POST -> arrival at the first watcher (the pipeline without the fan-out). */
      firstDelivery: LatencySummary;
      /** Arrival at each watcher - arrival at the first one (the fan-out's spread). */
      spread: LatencySummary;
      distinctPricesSeen: number;
      clientsWithFinalPrice: number;
      clientsWrong: number;
      disconnected: number;
      clientLoopDelay: { p99Ms: number; maxMs: number };
    };

const input = workerData as FanoutClientsInput;
const port = parentPort!;
const send = (report: FanoutReport) => port.postMessage(report);

async function main() {
  const started = Date.now();
  const watchers: { socket: WatchSocket; lastPrice: number | null }[] = [];
  let failed = 0;
  let firstError: string | null = null;
  const sentAt = new Map<number, number>();
  const firstAt = new Map<number, number>();
  const latency = newLatencyHistogram();
  const first = newLatencyHistogram();
  const spread = newLatencyHistogram();
  let deliveries = 0;
  let disconnected = 0;
  const loop = new LoopDelay();

  await pooled(
    Array.from({ length: input.sockets }, () => async () => {
      try {
        const socket = await connectWatcher(input.url, 30_000);
        const joined = await joinAuction(socket, input.auctionId, 30_000);
        const watcher = { socket, lastPrice: joined.state.currentPrice };
        socket.on('disconnect', () => disconnected++);
        socket.on('auction:state', (state) => {
          const at = epochMs();
          if (state.auctionId !== input.auctionId || state.currentPrice === null) return;
          watcher.lastPrice = Math.max(watcher.lastPrice ?? 0, state.currentPrice);
          deliveries++;
          const sent = sentAt.get(state.currentPrice);
          if (sent === undefined) return;
          latency.recordValue(Math.max(1, Math.round((at - sent) * 1000)));
          const firstSeen = firstAt.get(state.currentPrice);
          if (firstSeen === undefined) {
            firstAt.set(state.currentPrice, at);
            first.recordValue(Math.max(1, Math.round((at - sent) * 1000)));
            spread.recordValue(1);
          } else {
            spread.recordValue(Math.max(1, Math.round((at - firstSeen) * 1000)));
          }
        });
        watchers.push(watcher);
      } catch (err) {
        failed++;
        firstError ??= (err as Error).message;
      }
    }),
    50,
  );
  send({ type: 'ready', connected: watchers.length, failed, connectSeconds: (Date.now() - started) / 1000, firstError });
  loop.start();

  port.on('message', async (command: FanoutCommand) => {
    if (command.type === 'sent') {
      sentAt.set(command.amount, command.at);
      return;
    }
    // finish: wait (bounded) until every watcher has the final price, then report.
    const deadline = Date.now() + command.waitMs;
    const settled = () => watchers.every((w) => w.lastPrice === command.finalPrice);
    while (Date.now() < deadline && !settled()) await new Promise((r) => setTimeout(r, 50));
    const clientLoopDelay = loop.stop();
    const right = watchers.filter((w) => w.lastPrice === command.finalPrice).length;
    send({
      type: 'result',
      deliveries,
      latency: summarise(latency),
      firstDelivery: summarise(first),
      spread: summarise(spread),
      distinctPricesSeen: firstAt.size,
      clientsWithFinalPrice: right,
      clientsWrong: watchers.length - right,
      disconnected,
      clientLoopDelay,
    });
    for (const { socket } of watchers) socket.close();
    port.close();
  });
}

void main().catch((err) => {
  send({ type: 'ready', connected: 0, failed: input.sockets, connectSeconds: 0, firstError: String(err) });
});
