export interface Submitted {
  /** Settles when the batch holding the item has been sent (or failed). */
  done: Promise<void>;
  /** Takes the item back if it has not been handed to a send yet; true if it was taken back. */
  cancel(): boolean;
}

/**
 * Groups items into batches without waiting on purpose: while one send is in
 * flight, everything submitted meanwhile goes into the next one. Under load a
 * send carries many items; a lone item goes out at once. Batches go one at a
 * time, in submission order, so items keep their order.
 *
 * Why: kafkajs sends each `send()` as its own produce request, and its
 * idempotent producer holds a per-broker lock for a whole request, so bids sent
 * one by one queue in single file behind each broker round trip.
 */
export function createSendBatcher<T>(send: (items: T[]) => Promise<void>, maxBatch = 500) {
  interface Entry {
    item: T;
    resolve(): void;
    reject(err: unknown): void;
  }
  let queue: Entry[] = [];
  let sending = false;

  const pump = () => {
    if (sending || queue.length === 0) return;
    sending = true;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    send(batch.map((e) => e.item))
      .then(
        () => batch.forEach((e) => e.resolve()),
        (err) => batch.forEach((e) => e.reject(err)),
      )
      .finally(() => {
        sending = false;
        pump();
      });
  };

  return {
    submit(item: T): Submitted {
      let entry!: Entry;
      const done = new Promise<void>((resolve, reject) => {
        entry = { item, resolve, reject };
      });
      queue.push(entry);
      pump();
      return {
        done,
        cancel() {
          const at = queue.indexOf(entry);
          if (at < 0) return false;
          queue.splice(at, 1);
          return true;
        },
      };
    },
    queued: () => queue.length,
  };
}
