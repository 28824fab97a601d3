import { closeClients } from './ledger';
import { stopCms } from './cms';
import type { WorkerProcess } from './worker';

/** What a test file started, stopped in the reverse order: sockets, then workers still running, then clients and the cms. */
export async function stopSystem(parts: {
  sockets?: Iterable<{ disconnect(): void }>;
  workers?: Iterable<WorkerProcess | undefined>;
}): Promise<void> {
  for (const socket of parts.sockets ?? []) socket.disconnect();
  for (const worker of parts.workers ?? []) if (worker && worker.child.exitCode === null) await worker.stop();
  await closeClients();
  await stopCms();
}
