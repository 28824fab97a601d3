import { spawnChild as spawnTracked, type ChildHandle, type SpawnOptions } from '@car-auction/test-support/child-process';
import { onCleanup } from '../lifecycle/cleanup';

export type { ChildHandle };

/** Spawns a process under test (output to its log file); it is stopped on any exit of the bench. */
export function spawnChild(options: SpawnOptions & { logFile: string }): ChildHandle {
  const handle = spawnTracked(options);
  const unregister = onCleanup(`stop ${options.name} (pid ${handle.pid})`, async () => {
    await handle.stop();
  });
  void handle.exited.then(unregister);
  return handle;
}
