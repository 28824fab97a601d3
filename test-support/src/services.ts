/**
 * The project's local services as tests drive them: infra/ scripts, whether a
 * service is ours to stop or kill, SIGKILL by recorded PID, loopback proxies to
 * make a dependency unreachable for one process, and a worker's health.
 */
import net from 'node:net';
import path from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

// Compiled to test-support/dist/: the repository is two levels up.
const root = path.resolve(__dirname, '..', '..');
const dataDir = process.env.CAR_AUCTION_DATA_DIR ?? path.join(root, '.data');

/** A service with its own script under infra/ (`mongo` is FerretDB, with its PostgreSQL). */
type Service = 'kafka' | 'redis' | 'mongo';
/** A process the scripts start and record under .data/run/<name>.pid: the services, and FerretDB's PostgreSQL. */
type Process = Service | 'ferretdb-postgres';

const script = (service: Service) => path.join(root, 'infra', `${service}.sh`);

export function infra(service: Service, command: 'start' | 'stop' | 'status'): string {
  return execFileSync('bash', [script(service), command], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * The same without blocking this process: a service start can take seconds
 * (Kafka's JVM, PostgreSQL's recovery), and the cms under test runs in this
 * process, so it must keep answering bidders meanwhile.
 */
export async function infraInBackground(service: Service, command: 'start' | 'stop'): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', [script(service), command], { encoding: 'utf8', timeout: 120_000 });
  return stdout;
}

const pidFile = (name: Process) => path.join(dataDir, 'run', `${name}.pid`);

/** The PID our scripts recorded for `name`, if that process is still alive (the scripts' own our_pid). */
function ourPid(name: Process): number | null {
  try {
    const pid = Number(readFileSync(pidFile(name), 'utf8').trim());
    if (!Number.isSafeInteger(pid) || pid <= 0) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/**
 * Fault tests stop and kill services, so they run only against the ones the
 * project's scripts started (scripts/test.sh always does), never someone else's.
 * "(not ours)" also contains "ours": match the running-and-ours form only.
 */
export function isOurs(name: Process): boolean {
  if (name === 'ferretdb-postgres') return isOurs('mongo') && ourPid(name) !== null;
  try {
    return /\(pid \d+, ours\)/.test(infra(name, 'status'));
  } catch {
    return false;
  }
}

/** SIGKILL the service process we started: no shutdown, no flush. */
export function killNine(name: Process): number {
  const pid = ourPid(name);
  if (pid === null) throw new Error(`${name} is not running under our scripts`);
  process.kill(pid, 'SIGKILL');
  return pid;
}

/** Redis restarted empty: stopped, its data files (AOF, RDB) removed, started again. */
export function restartRedisWithoutData(): void {
  infra('redis', 'stop');
  rmSync(path.join(dataDir, 'redis'), { recursive: true, force: true });
  infra('redis', 'start');
}

export interface TcpProxy {
  /** The loopback port the proxy listens on (the same after every `open`). */
  port: number;
  /** Listening: connections go through to the target. */
  open(): Promise<void>;
  /** Not listening, and every connection through it cut: the target looks down from behind the proxy. */
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback to `target`, starting closed: a dependency can be
 * made unreachable for one worker (and back) without touching the service
 * others use. Every byte is passed on unchanged.
 */
export function tcpProxy(target: { host?: string; port: number }, port: number): TcpProxy {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  return {
    port,
    async open() {
      if (server) return;
      const listening = net.createServer((client) => {
        const upstream = net.connect({ host: target.host ?? '127.0.0.1', port: target.port });
        track(client);
        track(upstream);
        client.pipe(upstream);
        upstream.pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, '127.0.0.1', resolve);
      });
      server = listening;
    },
    async close() {
      const listening = server;
      server = null;
      if (!listening) return;
      const closed = new Promise<void>((resolve) => listening.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** A worker's /healthz: 200 only when it serves fully; 503 `degraded` names what is down. */
export interface WorkerHealth {
  httpStatus: number;
  status: 'ok' | 'degraded';
  down: string[];
  dependencies: Record<string, 'up' | 'down'>;
  reasons: Record<string, string>;
  partitions: number[];
  starting?: string;
}

export async function workerHealth(workerUrl: string): Promise<WorkerHealth> {
  const res = await fetch(`${workerUrl}/healthz`, { signal: AbortSignal.timeout(5_000) });
  return { httpStatus: res.status, ...((await res.json()) as Omit<WorkerHealth, 'httpStatus'>) };
}

/** The worker's `worker_dependency_up` gauges from /metrics, by dependency. */
export async function dependencyGauges(workerUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${workerUrl}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
  const gauges: Record<string, number> = {};
  for (const [, dependency, value] of text.matchAll(/^worker_dependency_up\{dependency="([a-z]+)"\} (\d+)$/gm)) {
    gauges[dependency!] = Number(value);
  }
  return gauges;
}
