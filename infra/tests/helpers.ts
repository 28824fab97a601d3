import path from 'node:path';
import net from 'node:net';
import { spawn } from 'node:child_process';

export const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * Runs an infra script and returns its exit status and combined output. Async,
 * so listeners in this process keep accepting while the script probes them.
 */
export function runInfra(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ status: number | null; output: string }>((resolve, reject) => {
    const child = spawn('bash', [path.join(repoRoot, 'infra', script), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

/** A plain TCP listener standing in for "someone else's service" on a free port. */
export async function foreignListener(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
