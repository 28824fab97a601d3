import { createSendBatcher } from '../../src/bids/send-batcher';

// Pure scheduling logic; the Kafka side is covered by the bid-endpoint and service-outages suites.
function controlledSend() {
  const calls: { items: number[]; finish(err?: Error): void }[] = [];
  const send = (items: number[]) =>
    new Promise<void>((resolve, reject) => calls.push({ items, finish: (err) => (err ? reject(err) : resolve()) }));
  return { calls, send };
}
const tick = () => new Promise((r) => setImmediate(r));

test('a lone item goes at once; items arriving during a send share the next, in order', async () => {
  const { calls, send } = controlledSend();
  const batcher = createSendBatcher(send);
  const first = batcher.submit(1);
  expect(calls.map((c) => c.items)).toEqual([[1]]);
  const rest = [2, 3, 4].map((n) => batcher.submit(n));
  expect(calls).toHaveLength(1);
  calls[0]!.finish();
  await first.done;
  await tick();
  expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]);
  calls[1]!.finish();
  await Promise.all(rest.map((r) => r.done));
});

test('a failed send fails exactly its own batch', async () => {
  const { calls, send } = controlledSend();
  const batcher = createSendBatcher(send);
  const a = batcher.submit(1);
  const b = batcher.submit(2);
  calls[0]!.finish(new Error('broker gone'));
  await expect(a.done).rejects.toThrow('broker gone');
  await tick();
  calls[1]!.finish();
  await expect(b.done).resolves.toBeUndefined();
});

test('an item can be taken back while queued, not once sent; batches respect the maximum', async () => {
  const { calls, send } = controlledSend();
  const batcher = createSendBatcher(send, 2);
  const sent = batcher.submit(1);
  const queued = [2, 3, 4].map((n) => batcher.submit(n));
  expect(sent.cancel()).toBe(false);
  expect(queued[1]!.cancel()).toBe(true);
  calls[0]!.finish();
  await tick();
  expect(calls.map((c) => c.items)).toEqual([[1], [2, 4]]);
});
