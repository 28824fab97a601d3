import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { eventually } from '@car-auction/test-support/wait';
import { freePort, portOpen } from '@car-auction/test-support/ports';
import { foreignListener, repoRoot } from './helpers';

// The supervisor (scripts/supervise.cjs) driving PM2 over a stack of throwaway Node
// processes (fixtures/tiny-ecosystem.cjs), on loopback, in a temporary PM2 home.
const supervisor = path.join(repoRoot, 'scripts', 'supervise.cjs');
const ecosystem = path.join(__dirname, 'fixtures', 'tiny-ecosystem.cjs');

interface ProcessRow {
  name: string;
  pid: number;
  status: string;
  restarts: number;
}

interface Stack {
  dir: string;
  env: NodeJS.ProcessEnv;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const stacks: Stack[] = [];

async function startStack(ports: Record<string, number>, extraEnv: NodeJS.ProcessEnv = {}): Promise<Stack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervise-'));
  const env = { ...process.env, TINY_STACK_DIR: dir, TINY_STACK_PORTS: JSON.stringify(ports), ...extraEnv };
  const child = spawn(process.execPath, [supervisor, '--ecosystem', ecosystem], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const stack = { dir, env, child, output: () => output, exited };
  stacks.push(stack);
  return stack;
}

/** The supervisor's own status command: PM2's list for this stack, without starting a daemon. */
function status(stack: Stack): Promise<ProcessRow[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [supervisor, 'status', '--ecosystem', ecosystem], { env: stack.env });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as ProcessRow[]) : reject(new Error(`status exited with ${code}`))));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function freePorts(...names: string[]): Promise<Record<string, number>> {
  const ports: Record<string, number> = {};
  for (const name of names) {
    let port = await freePort();
    while (Object.values(ports).includes(port)) port = await freePort();
    ports[name] = port;
  }
  return ports;
}

afterEach(async () => {
  // Whatever a failed test left: stop the supervisor (it stops its processes), then
  // make sure of its daemon.
  for (const stack of stacks.splice(0)) {
    if (stack.child.exitCode === null) {
      stack.child.kill('SIGTERM');
      await Promise.race([stack.exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    }
    const daemonPidFile = path.join(stack.dir, 'pm2', 'pm2.pid');
    const daemonPid = fs.existsSync(daemonPidFile) ? Number(fs.readFileSync(daemonPidFile, 'utf8')) : 0;
    if (daemonPid && alive(daemonPid)) process.kill(daemonPid, 'SIGKILL');
    fs.rmSync(stack.dir, { recursive: true, force: true });
  }
});

test('a killed process comes back with a new pid, the others untouched; SIGTERM stops what was started, in order, and nothing else', async () => {
  const foreign = await foreignListener();
  try {
    const ports: Record<string, number> = { ...(await freePorts('svc-a', 'svc-b', 'app-x', 'app-y')), 'svc-foreign': foreign.port };
    const stack = await startStack(ports);
    await eventually('the ready line', async () => (/\[start\] ready: tiny stack/.test(stack.output()) ? true : undefined), 60_000);
    expect(stack.output()).toMatch(/svc-foreign: something already answers at 127\.0\.0\.1:\d+; using it/);

    const before = await status(stack);
    expect(before.map((p) => p.name)).toEqual(['svc-a', 'svc-b', 'app-x', 'app-y']);
    expect(before.every((p) => p.status === 'online' && p.restarts === 0 && alive(p.pid))).toBe(true);
    const daemonPid = Number(fs.readFileSync(path.join(stack.dir, 'pm2', 'pm2.pid'), 'utf8'));

    // A second supervisor of the same stack is refused.
    const second = spawn(process.execPath, [supervisor, '--ecosystem', ecosystem], { env: stack.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let secondOutput = '';
    second.stderr.on('data', (chunk) => (secondOutput += chunk));
    expect(await new Promise((resolve) => second.on('exit', resolve))).toBe(1);
    expect(secondOutput).toMatch(/another supervisor \(pid \d+\) runs this stack/);

    const victim = before.find((p) => p.name === 'app-x')!;
    process.kill(victim.pid, 'SIGKILL');
    const after = await eventually(
      'app-x back with a new pid',
      async () => {
        const rows = await status(stack);
        const row = rows.find((p) => p.name === 'app-x');
        return row && row.status === 'online' && row.pid !== victim.pid && row.restarts === 1 ? rows : undefined;
      },
      60_000,
    );
    const newPid = after.find((p) => p.name === 'app-x')!.pid;
    expect(alive(newPid)).toBe(true);
    // The others: same processes, never restarted.
    for (const other of before.filter((p) => p.name !== 'app-x')) {
      expect(after.find((p) => p.name === other.name)).toMatchObject({ pid: other.pid, restarts: 0, status: 'online' });
    }
    await eventually('the restart lines', async () => (stack.output().includes(`app-x back online`) ? true : undefined));
    expect(stack.output()).toMatch(
      new RegExp(`app-x \\(pid ${victim.pid}\\) exited with signal SIGKILL at [\\d:.]+; restart #1 in \\d+ ms`),
    );
    expect(stack.output()).toMatch(new RegExp(`app-x back online at [\\d:.]+: pid ${newPid} \\(restart #1,`));
    // The apps' output reaches the terminal, prefixed by the app's name.
    expect(stack.output()).toContain(`[app-x] app-x listening on ${ports['app-x']} (pid ${newPid})`);

    stack.child.kill('SIGTERM');
    expect(await stack.exited).toBe(0);
    const stopOrder = fs.readFileSync(path.join(stack.dir, 'events'), 'utf8').trim().split('\n');
    expect(stopOrder).toEqual(['app-y', 'app-x', 'svc-b', 'svc-a'].map((name) => `${name} stopped by SIGTERM`));
    for (const p of [...after, { name: 'PM2 daemon', pid: daemonPid }])
      expect({ name: p.name, alive: alive(p.pid) }).toEqual({ name: p.name, alive: false });
    for (const name of ['svc-a', 'svc-b', 'app-x', 'app-y']) expect(await portOpen(ports[name]!)).toBe(false);
    // The listener that was there before is still there, and was never stopped.
    const seen = foreign.connections();
    expect(await portOpen(foreign.port)).toBe(true);
    await eventually('the foreign listener to count the connection', async () => (foreign.connections() > seen ? true : undefined));
  } finally {
    await foreign.close();
  }
});

test('a service that never becomes ready ends the run: its exits and log are shown, what was started is stopped', async () => {
  const foreign = await foreignListener();
  try {
    const ports: Record<string, number> = {
      ...(await freePorts('svc-a', 'svc-b', 'svc-broken', 'app-x', 'app-y')),
      'svc-foreign': foreign.port,
    };
    const stack = await startStack(ports, { TINY_STACK_BROKEN: '1' });
    expect(await stack.exited).toBe(1);
    const output = stack.output();
    expect(output).toMatch(/svc-broken \(pid \d+\) exited with code 3 at [\d:.]+; restart #1 in \d+ ms/);
    expect(output).toMatch(/svc-broken not ready at 127\.0\.0\.1:\d+ within 3 s; last lines of .*svc-broken\.log/);
    expect(output).toContain('svc-broken gives up');
    // The apps were never started; the services that were are stopped again.
    expect(output).not.toMatch(/starting app-/);
    expect(fs.readFileSync(path.join(stack.dir, 'events'), 'utf8').trim().split('\n')).toEqual([
      'svc-b stopped by SIGTERM',
      'svc-a stopped by SIGTERM',
    ]);
    expect(await portOpen(ports['svc-a']!)).toBe(false);
    expect(await portOpen(foreign.port)).toBe(true);
  } finally {
    await foreign.close();
  }
});

test('when the process that started it dies, it stops the stack (nobody would be left to stop it)', async () => {
  const ports: Record<string, number> = await freePorts('svc-a', 'svc-b', 'svc-foreign', 'app-x', 'app-y');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervise-'));
  const env = { ...process.env, TINY_STACK_DIR: dir, TINY_STACK_PORTS: JSON.stringify(ports) };
  // A launcher shell that npm, or a test, would be; killed with SIGKILL it passes nothing on.
  const launcher = spawn('bash', ['-c', `"${process.execPath}" "${supervisor}" --ecosystem "${ecosystem}" & echo $!; wait`], {
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let launcherOutput = '';
  launcher.stdout.on('data', (chunk) => (launcherOutput += chunk));
  try {
    const supervisorPid = await eventually('the supervisor pid', async () => Number(launcherOutput.trim()) || undefined);
    const log = () => fs.readFileSync(path.join(dir, 'events'), { encoding: 'utf8', flag: 'a+' });
    await eventually('the stack up', async () => ((await portOpen(ports['app-y']!)) ? true : undefined), 60_000);
    launcher.kill('SIGKILL');
    await eventually('the supervisor to stop', async () => (alive(supervisorPid) ? undefined : true), 60_000);
    expect(log().trim().split('\n')).toEqual(
      ['app-y', 'app-x', 'svc-foreign', 'svc-b', 'svc-a'].map((name) => `${name} stopped by SIGTERM`),
    );
  } finally {
    launcher.kill('SIGKILL');
    const daemonPidFile = path.join(dir, 'pm2', 'pm2.pid');
    const daemonPid = fs.existsSync(daemonPidFile) ? Number(fs.readFileSync(daemonPidFile, 'utf8')) : 0;
    if (daemonPid && alive(daemonPid)) process.kill(daemonPid, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
