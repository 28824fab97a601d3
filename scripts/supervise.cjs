#!/usr/bin/env node
// The one-command run's supervisor (what scripts/start.sh hands over to). PM2 keeps
// every process of the stack up; this script drives it:
//   - starts the services of the ecosystem file that nothing answers for yet (one that
//     someone else runs is used, never started or stopped), waits (bounded) until they
//     are ready, runs the steps that need them (the Kafka topics), then starts the apps
//     and prints `[start] ready: ...` once all of them serve;
//   - prints one line per lifecycle event (an exit with its code or signal, the restart
//     to come, back online with its new pid) and the apps' output;
//   - on SIGINT/SIGTERM stops what it started, one at a time, in the reverse of the
//     ecosystem's order (the apps, then the services), then the PM2 daemon, and exits.
// PM2 runs with a home of its own (ecosystem `supervise.pm2Home`, by default
// <data dir>/pm2), so a user's own PM2 daemon is never touched.
//
// Usage:
//   node scripts/supervise.cjs [run] [--ecosystem FILE]   supervise the stack (FILE: ecosystem.config.cjs)
//   node scripts/supervise.cjs status [--ecosystem FILE]  the stack's processes as JSON (name, pid, status,
//                                                         restarts), without starting a PM2 daemon
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');

const say = (message) => process.stdout.write(`[start] ${message}\n`);
const clock = () => new Date().toISOString().slice(11, 23);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function parseArgs(argv) {
  const options = { command: 'run', ecosystem: path.join(__dirname, '..', 'ecosystem.config.cjs') };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--ecosystem' && argv[i + 1]) options.ecosystem = argv[++i];
    else if (arg === 'run' || arg === 'status') options.command = arg;
    else throw new Error(`unknown argument ${arg}; usage: supervise.cjs [run|status] [--ecosystem FILE]`);
  }
  options.ecosystem = path.resolve(options.ecosystem);
  return options;
}

// ---------------------------------------------------------------------------
// Probes

/** True if a TCP connection to host:port succeeds within timeoutMs. */
function tcpAnswers({ host, port }, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True if a Redis server at host:port answers PING with PONG (not LOADING, not an error). */
function redisAnswers({ host, port }, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let reply = '';
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk;
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.once('error', () => done(false));
  });
}

/** True if GET url answers 2xx within timeoutMs. */
async function httpAnswers(url, timeoutMs = 2000) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function probe(ready) {
  if (ready.redis) return redisAnswers(ready.redis);
  if (ready.tcp) return tcpAnswers(ready.tcp);
  if (ready.http) return httpAnswers(ready.http);
  throw new Error(`unknown readiness check ${JSON.stringify(ready)}`);
}

const describeReady = (ready) => {
  const address = ready.redis ?? ready.tcp;
  return address ? `${address.host}:${address.port}` : ready.http;
};

function alive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Resolves true once pid has exited, false if it still runs after `seconds`. */
async function waitForExit(pid, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (alive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}

const readPid = (file) => {
  try {
    return Number(fs.readFileSync(file, 'utf8').trim());
  } catch {
    return null;
  }
};

function lastLines(file, count) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.split('\n').filter(Boolean).slice(-count);
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------
// PM2, promisified

function loadPm2(pm2Home) {
  // PM2 fixes its paths (sockets, pid file, logs) from PM2_HOME when it is loaded,
  // and its daemon and the processes it starts inherit it.
  process.env.PM2_HOME = pm2Home;
  // No "[PM2] Spawning PM2 daemon" chatter: the supervisor says what happens.
  process.env.PM2_SILENT = 'true';
  // PM2 7 stops every process with one signal, its daemon's PM2_KILL_SIGNAL (SIGINT by
  // default; an app's kill_signal is not read). SIGTERM is what every process of the
  // stack shuts down gracefully on (for PostgreSQL a smart shutdown, after FerretDB,
  // its only client, has stopped); kill_timeout later, PM2 sends SIGKILL.
  process.env.PM2_KILL_SIGNAL = 'SIGTERM';
  const pm2 = require('pm2');
  const call = (method, ...args) =>
    new Promise((resolve, reject) => pm2[method](...args, (error, result) => (error ? reject(error) : resolve(result))));
  return { pm2, call };
}

const daemonPid = (pm2Home) => {
  const pid = readPid(path.join(pm2Home, 'pm2.pid'));
  return pid && alive(pid) ? pid : null;
};

/** The exit's cause as the PM2 daemon logged it (its event carries the code only, 0 for a signal). */
function exitCause(pm2Home, name, pmId, fallbackCode) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`App \\[${escaped}:${pmId}\\] exited with code \\[(-?\\d+)\\] via signal \\[(\\w+)\\]`, 'g');
  let text = '';
  try {
    const file = path.join(pm2Home, 'pm2.log');
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r');
    const length = Math.min(size, 65_536);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    fs.closeSync(fd);
    text = buffer.toString('utf8');
  } catch {
    // no daemon log: fall back on the event's code
  }
  const matches = [...text.matchAll(pattern)];
  const last = matches[matches.length - 1];
  if (!last) return `code ${fallbackCode}`;
  const [, code, signal] = last;
  if (code !== '0') return `code ${code}`;
  // PM2 logs SIGINT when the process ended on its own, so code 0 "via SIGINT" is either.
  return signal === 'SIGINT' ? 'code 0 (or SIGINT)' : `signal ${signal}`;
}

/** The delay PM2 is about to wait before the restart (God.handleExit's exponential backoff). */
function nextRestartDelay(env) {
  const first = Number(env.exp_backoff_restart_delay);
  if (!Number.isFinite(first)) return Number(env.restart_delay) || 0;
  return env.prev_restart_delay ? Math.floor(Math.min(15_000, env.prev_restart_delay * 1.5)) : first;
}

// ---------------------------------------------------------------------------
// status

async function status(ecosystem) {
  const { pm2Home } = ecosystem.supervise;
  if (!daemonPid(pm2Home)) {
    console.error(`[start] not running (no PM2 daemon in ${pm2Home})`);
    return 1;
  }
  const { pm2, call } = loadPm2(pm2Home);
  await call('connect');
  try {
    const list = await call('list');
    const rows = list.map((p) => ({
      name: p.name,
      pid: p.pid,
      status: p.pm2_env.status,
      restarts: p.pm2_env.restart_time,
      pm_id: p.pm_id,
    }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  } finally {
    pm2.disconnect();
  }
}

// ---------------------------------------------------------------------------
// run

async function run(ecosystem) {
  const settings = ecosystem.supervise;
  const { pm2Home } = settings;
  const entries = ecosystem.apps.map((app) => ({ name: app.name, supervise: app.supervise ?? { kind: 'app' }, app }));
  const byName = new Map(entries.map((e) => [e.name, e]));

  fs.mkdirSync(pm2Home, { recursive: true });
  for (const dir of settings.directories ?? []) fs.mkdirSync(dir, { recursive: true });
  const socketPath = path.join(pm2Home, 'interactor.sock');
  if (Buffer.byteLength(socketPath) > 107) {
    throw new Error(
      `PM2's sockets would be at ${socketPath}, longer than a Unix socket path may be; set CAR_AUCTION_PM2_HOME to a shorter directory`,
    );
  }

  // One supervisor per PM2 home. One that died without stopping (SIGKILL) leaves its
  // daemon and processes behind: those are this stack's, and are cleaned up first.
  const supervisorPidFile = path.join(pm2Home, 'supervisor.pid');
  const previous = readPid(supervisorPidFile);
  if (previous && previous !== process.pid && alive(previous)) {
    throw new Error(`another supervisor (pid ${previous}) runs this stack (PM2 home ${pm2Home}); stop it first`);
  }
  fs.writeFileSync(supervisorPidFile, `${process.pid}\n`);

  const { pm2, call } = loadPm2(pm2Home);
  const started = []; // names, in start order
  const stopping = new Set(); // names being stopped on purpose
  const pids = new Map(); // name -> current pid
  const exitedAt = new Map(); // name -> time of an unexpected exit, until it is back
  let shuttingDown = null;
  let exitCode = 0;
  let daemonWatch = null;
  let connected = false;

  let stopRequestedAt = 0;
  const shutdown = (reason, code = 0) => {
    if (shuttingDown) {
      // Ctrl-C reaches npm and this process both, and npm forwards it: one is enough.
      if (Date.now() - stopRequestedAt > 1000) say(`${reason}: already stopping`);
      return shuttingDown;
    }
    stopRequestedAt = Date.now();
    exitCode = code;
    shuttingDown = (async () => {
      say(`${reason}: stopping ${started.length ? [...started].reverse().join(', ') : 'nothing (none started)'}`);
      clearInterval(daemonWatch);
      for (const name of [...started].reverse()) {
        stopping.add(name);
        const pid = pids.get(name);
        say(`stopping ${name}${pid && alive(pid) ? ` (pid ${pid})` : ''}`);
        try {
          await call('delete', name);
          say(`${name} stopped`);
        } catch (error) {
          say(`${name}: could not be stopped: ${error.message ?? error}`);
          exitCode = exitCode || 1;
        }
      }
      // (Not connected yet: nothing was started, and connecting now would spawn a daemon.)
      const daemon = connected ? daemonPid(pm2Home) : null;
      if (connected) {
        try {
          pm2.disconnectBus?.();
          await call('killDaemon');
        } catch (error) {
          say(`PM2 daemon: ${error.message ?? error}`);
        }
        pm2.disconnect();
      }
      // killDaemon answers before the daemon has exited: wait for it, bounded.
      if (daemon && !(await waitForExit(daemon, 10))) {
        say(`PM2 daemon (pid ${daemon}) still running after 10 s; killing it`);
        process.kill(daemon, 'SIGKILL');
      }
      fs.rmSync(supervisorPidFile, { force: true });
      say('stopped');
      process.exit(exitCode);
    })();
    return shuttingDown;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void shutdown(signal));
  try {
    await supervise();
  } catch (error) {
    say(`ERROR: ${error.message ?? error}`);
    await shutdown('the start failed', 1);
  }

  async function supervise() {
    // Resolves once check() is true; false when the bound passes or the run is stopping.
    const waitFor = async (check, seconds) => {
      const deadline = Date.now() + seconds * 1000;
      while (!shuttingDown) {
        if (await check()) return true;
        if (Date.now() >= deadline) return false;
        await sleep(500);
      }
      return false;
    };

    if (daemonPid(pm2Home)) {
      // A daemon left by a supervisor that died: stop what it runs (in the stop order)
      // and the daemon, so this run starts from a daemon with this run's environment.
      await call('connect');
      const leftovers = await call('list');
      if (leftovers.length > 0) {
        say(
          `a previous run (supervisor pid ${previous ?? '?'}) left ${leftovers.map((p) => p.name).join(', ')} running; stopping them first`,
        );
        const order = new Map(entries.map((e, i) => [e.name, i]));
        leftovers.sort((a, b) => (order.get(b.name) ?? -1) - (order.get(a.name) ?? -1));
        for (const p of leftovers) await call('delete', p.pm_id);
      }
      await call('killDaemon');
      pm2.disconnect();
    }
    await call('connect');
    connected = true;

    // Lifecycle lines and the apps' output, from PM2's event bus.
    const bus = await call('launchBus');
    const partial = new Map();
    const printOutput = (packet) => {
      const name = packet.process?.name;
      if (byName.get(name)?.supervise.kind !== 'app') return; // services write to their logs only
      const key = `${name}:${packet.process.pm_id}`;
      const lines = `${partial.get(key) ?? ''}${packet.data}`.split('\n');
      partial.set(key, lines.pop());
      for (const line of lines) process.stdout.write(`[${name}] ${line}\n`);
    };
    bus.on('log:out', printOutput);
    bus.on('log:err', printOutput);
    bus.on('process:event', (packet) => {
      const env = packet.process;
      const name = env.name;
      if (!byName.has(name) || stopping.has(name)) return;
      if (packet.event === 'exit') {
        const at = clock();
        const oldPid = pids.get(name);
        exitedAt.set(name, Date.now());
        const cause = exitCause(pm2Home, name, env.pm_id, env.exit_code);
        say(
          `${name}${oldPid ? ` (pid ${oldPid})` : ''} exited with ${cause} at ${at}; ` +
            `restart #${env.restart_time + 1} in ${nextRestartDelay(env)} ms`,
        );
        if (byName.get(name).supervise.kind === 'service') {
          const logFile = byName.get(name).app.log_file;
          for (const line of lastLines(logFile, 5)) say(`  ${name}: ${line}`);
          say(`  (log: ${logFile})`);
        }
      } else if (packet.event === 'online') {
        call('describe', env.pm_id)
          .then(([described]) => {
            const pid = described?.pid;
            pids.set(name, pid);
            const downSince = exitedAt.get(name);
            exitedAt.delete(name);
            if (downSince === undefined) say(`${name} started: pid ${pid}`);
            else {
              const seconds = ((Date.now() - downSince) / 1000).toFixed(1);
              say(`${name} back online at ${clock()}: pid ${pid} (restart #${env.restart_time}, ${seconds} s after its exit)`);
            }
          })
          .catch(() => undefined);
      } else if (packet.event === 'restart overlimit') {
        say(`${name}: PM2 stopped restarting it (restart limit); see its log`);
      }
    });

    // Whoever started this (npm, a test) is gone: nobody is left to stop the stack, so
    // stop it now, as on SIGTERM. (npm forwards SIGTERM to its child only; a shell in
    // between would die without passing it on, hence `exec` in package.json's start.)
    const parent = process.ppid;
    // If the PM2 daemon itself is killed, its processes go on unsupervised: stop them.
    daemonWatch = setInterval(() => {
      if (shuttingDown) return;
      if (process.ppid !== parent) {
        void shutdown(`the process that started this one (pid ${parent}) is gone`);
        return;
      }
      if (daemonPid(pm2Home)) return;
      say('the PM2 daemon is gone, so nothing is supervised any more; stopping what it ran');
      clearInterval(daemonWatch);
      shuttingDown = (async () => {
        for (const name of [...started].reverse()) {
          const pid = pids.get(name);
          if (!pid || !alive(pid)) continue;
          say(`stopping ${name} (pid ${pid})`);
          process.kill(pid, 'SIGTERM');
          if (!(await waitForExit(pid, 20))) process.kill(pid, 'SIGKILL');
        }
        fs.rmSync(supervisorPidFile, { force: true });
        process.exit(1);
      })();
    }, 2000);

    const startApp = async (entry) => {
      const { supervise: _supervise, ...app } = entry.app;
      if (app.log_file) fs.writeFileSync(app.log_file, '');
      await call('start', app);
      started.push(entry.name);
    };

    // Services: those nobody answers for yet.
    const services = entries.filter((e) => e.supervise.kind === 'service');
    const answering = new Set();
    for (const e of services) if (await tcpAnswers(e.supervise.address)) answering.add(e.name);
    const toStart = services.filter((e) => {
      const { address, onlyWith } = e.supervise;
      if (answering.has(e.name)) {
        if (!onlyWith || !answering.has(onlyWith)) {
          say(
            `${e.name}: something already answers at ${address.host}:${address.port}; using it (not started here, so never stopped here)`,
          );
        }
        return false;
      }
      if (onlyWith && (answering.has(onlyWith) || !byName.has(onlyWith))) return false;
      return true;
    });
    for (const e of toStart) {
      if (shuttingDown) return;
      say(`starting ${e.name} (log: ${e.app.log_file})`);
      await startApp(e);
    }
    // All wait at once; the first that is not ready in time ends the run.
    const notReady = [];
    await new Promise((resolve) => {
      let waiting = toStart.length;
      if (waiting === 0) resolve();
      for (const e of toStart) {
        void waitFor(() => probe(e.supervise.ready), e.supervise.readySeconds ?? 60).then((ready) => {
          if (!ready && !shuttingDown) notReady.push(e);
          waiting -= 1;
          if (!ready || waiting === 0) resolve();
        });
      }
    });
    if (shuttingDown) return;
    if (notReady.length > 0) {
      for (const e of notReady) {
        say(
          `${e.name} not ready at ${describeReady(e.supervise.ready)} within ${e.supervise.readySeconds ?? 60} s; last lines of ${e.app.log_file}:`,
        );
        for (const line of lastLines(e.app.log_file, 25)) say(`  ${line}`);
      }
      return shutdown(`${notReady.map((e) => e.name).join(', ')} failed to start`, 1);
    }
    if (toStart.length > 0) say(`services ready: ${toStart.map((e) => e.name).join(', ')}`);

    for (const step of settings.afterServices ?? []) {
      if (shuttingDown) return;
      say(`ensuring ${step.what}`);
      const code = await new Promise((resolve) => {
        const child = spawn(step.command, step.args ?? [], {
          env: { ...process.env, ...step.env },
          stdio: ['ignore', 'inherit', 'inherit'],
        });
        const timer = setTimeout(() => child.kill('SIGTERM'), (step.timeoutSeconds ?? 180) * 1000);
        child.on('error', () => resolve(-1));
        child.on('exit', (status) => {
          clearTimeout(timer);
          resolve(status);
        });
      });
      if (code !== 0) return shutdown(`${step.what}: failed (exit ${code})`, 1);
    }

    // The apps. PM2 restarts one that dies while starting too, so this waits without a
    // bound; after readySeconds it says what it is still waiting for.
    const apps = entries.filter((e) => e.supervise.kind === 'app');
    for (const e of apps) {
      if (shuttingDown) return;
      say(`starting ${e.name} (log: ${e.app.log_file})`);
      await startApp(e);
    }
    const waitApp = async (e) => {
      const check = () => probe(e.supervise.ready);
      if (await waitFor(check, e.supervise.readySeconds ?? 180)) return;
      if (shuttingDown) return;
      say(`${e.name} does not answer at ${describeReady(e.supervise.ready)} yet; still waiting`);
      await waitFor(check, Number.MAX_SAFE_INTEGER);
    };
    await Promise.all(apps.filter((e) => e.supervise.ready).map(waitApp));
    if (shuttingDown) return;
    say(`ready: ${settings.readyMessage ?? started.join(', ')}`);
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const ecosystem = require(options.ecosystem);
  if (!ecosystem.supervise?.pm2Home) throw new Error(`${options.ecosystem} has no supervise.pm2Home`);
  if (options.command === 'status') process.exit(await status(ecosystem));
  await run(ecosystem);
}

main().catch((error) => {
  console.error(`[start] ERROR: ${error.message ?? error}`);
  process.exit(1);
});
