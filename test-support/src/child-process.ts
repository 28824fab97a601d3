import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildHandle {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Resolves with the exit code (-1 when ended by a signal). */
  exited: Promise<number | null>;
  /** The last characters of its output, for error messages. */
  tail(): string;
  /** Everything it printed (kept only with `keepOutput`). */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL: no shutdown, no flush. */
  kill9(): Promise<number | null>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env: NodeJS.ProcessEnv;
  /** Output is appended here as well. */
  logFile?: string;
  /** Keep the whole output in memory (tests read it); otherwise only a tail. */
  keepOutput?: boolean;
}

const live = new Set<ChildProcess>();
// A test or bench that dies must not leave children behind holding ports and partitions.
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Spawns a process under test, killed by its PID if this process exits first. */
export function spawnChild(options: SpawnOptions): ChildHandle {
  let out: fs.WriteStream | null = null;
  if (options.logFile) {
    fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
    out = fs.createWriteStream(options.logFile, { flags: 'a' });
  }
  const child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${options.name}: could not spawn ${options.command}`);
  const pid = child.pid;
  live.add(child);
  let text = '';
  const keep = (chunk: Buffer) => {
    out?.write(chunk);
    text += chunk.toString('utf8');
    if (!options.keepOutput && text.length > 8000) text = text.slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      live.delete(child);
      out?.end();
      resolve(code ?? (signal ? -1 : null));
    }),
  );
  const running = () => child.exitCode === null && child.signalCode === null;

  let stopping: Promise<number | null> | null = null;
  const stop = (graceMs = 30_000) => {
    stopping ??= (async () => {
      if (!running()) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    })();
    return stopping;
  };
  const kill9 = async () => {
    if (running()) child.kill('SIGKILL');
    return exited;
  };
  return { name: options.name, pid, child, exited, tail: () => text.slice(-4000), output: () => text, stop, kill9 };
}
