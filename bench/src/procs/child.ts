import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { onCleanup, trackPid, untrackPid } from '../lifecycle/cleanup';
import { log } from '../log';

export interface ChildHandle {
  name: string;
  pid: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Last lines of its output, for error messages. */
  tail(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<number | null>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Output goes here (and its tail is kept in memory). */
  logFile: string;
}

/** Spawns a process under test; it is stopped by its PID on any exit of the bench. */
export function spawnChild(options: SpawnOptions): ChildHandle {
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const out = fs.createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${options.name}: could not spawn ${options.command}`);
  const pid = child.pid;
  trackPid(pid);
  let tail = '';
  const keep = (chunk: Buffer) => {
    out.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      untrackPid(pid);
      out.end();
      resolve(code ?? (signal ? -1 : null));
    }),
  );

  let stopping: Promise<number | null> | null = null;
  const stop = (graceMs = 30_000) => {
    if (!stopping) {
      stopping = (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return exited;
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          return exited;
        }
        const timer = setTimeout(() => {
          log(`${options.name} (pid ${pid}) still running ${graceMs} ms after SIGTERM; SIGKILL`);
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // exited meanwhile
          }
        }, graceMs);
        const code = await exited;
        clearTimeout(timer);
        return code;
      })();
    }
    return stopping;
  };
  const unregister = onCleanup(`stop ${options.name} (pid ${pid})`, async () => {
    await stop();
  });
  void exited.then(unregister);
  return { name: options.name, pid, child, exited, tail: () => tail, stop };
}
