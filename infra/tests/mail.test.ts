import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { eventually } from '@car-auction/test-support/wait';
import { freePort, portOpen } from '@car-auction/test-support/ports';
import { foreignListener, repoRoot, runInfra } from './helpers';

// infra/mail.sh: Mailpit, the development mail server, on ports and a data dir of
// each test's own (never 1025/8025, so a developer's or CI's Mailpit is not met).
// The binary is built once per machine into the usual cache, by infra/install.sh
// (npm test's set-up), or else by the first start here (about a minute and a half).

/** One SMTP reply: its code and its text lines (a multi-line reply ends with "NNN "). */
interface SmtpReply {
  code: number;
  lines: string[];
}

/**
 * A plain SMTP client over one TCP connection: sends each command, waits for its reply.
 * Enough of RFC 5321 for a test; the notifier will use nodemailer.
 */
async function smtpConnect(port: number) {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.setEncoding('utf8');
  let buffer = '';
  const waiting: ((reply: SmtpReply) => void)[] = [];
  const pending: SmtpReply[] = [];
  let lines: string[] = [];
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      lines.push(line.slice(4));
      if (line[3] === ' ' || line.length === 3) {
        const reply = { code: Number(line.slice(0, 3)), lines };
        lines = [];
        const resolve = waiting.shift();
        if (resolve) resolve(reply);
        else pending.push(reply);
      }
    }
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const next = () =>
    new Promise<SmtpReply>((resolve, reject) => {
      const queued = pending.shift();
      if (queued) return resolve(queued);
      const timer = setTimeout(() => reject(new Error(`no SMTP reply within 10 s; buffered: ${JSON.stringify(buffer)}`)), 10_000);
      waiting.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  /** Sends a command (or the message data) and expects a reply with that code. */
  const send = async (text: string, expected: number) => {
    socket.write(`${text}\r\n`);
    const reply = await next();
    if (reply.code !== expected)
      throw new Error(`SMTP "${text.slice(0, 40)}": expected ${expected}, got ${reply.code} ${reply.lines.join(' | ')}`);
    return reply;
  };
  const close = () => {
    socket.destroy();
    return closed;
  };
  return { next, send, close };
}

interface Mail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** AUTH PLAIN with these; none when absent. */
  login?: { user: string; password: string };
}

/** Delivers one message over SMTP: greeting, EHLO, optional AUTH PLAIN, the envelope, DATA, QUIT. */
async function sendMail(port: number, mail: Mail): Promise<void> {
  const smtp = await smtpConnect(port);
  try {
    expect((await smtp.next()).code).toBe(220);
    const ehlo = await smtp.send('EHLO car-auction.test', 250);
    if (mail.login) {
      expect(ehlo.lines.some((line) => /^AUTH\b.*\bPLAIN\b/i.test(line))).toBe(true);
      const token = Buffer.from(`\0${mail.login.user}\0${mail.login.password}`).toString('base64');
      await smtp.send(`AUTH PLAIN ${token}`, 235);
    }
    await smtp.send(`MAIL FROM:<${mail.from}>`, 250);
    await smtp.send(`RCPT TO:<${mail.to}>`, 250);
    await smtp.send('DATA', 354);
    const body = mail.text
      .split('\n')
      .map((line) => (line.startsWith('.') ? `.${line}` : line))
      .join('\r\n');
    const message = [
      `From: <${mail.from}>`,
      `To: <${mail.to}>`,
      `Subject: ${mail.subject}`,
      `Date: ${new Date().toUTCString()}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      '.',
    ].join('\r\n');
    await smtp.send(message, 250);
    await smtp.send('QUIT', 221);
  } finally {
    await smtp.close();
  }
}

interface MessageSummary {
  ID: string;
  From: { Address: string };
  To: { Address: string }[];
  Subject: string;
  Username: string;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return (await response.json()) as T;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function mailPorts() {
  const smtp = await freePort();
  let ui = await freePort();
  while (ui === smtp) ui = await freePort();
  return { smtp, ui };
}

describe('mail.sh start / stop', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let ui: string;
  let pid: number;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-mail-'));
    const ports = await mailPorts();
    env = { CAR_AUCTION_DATA_DIR: dataDir, MAIL_SMTP_PORT: String(ports.smtp), MAIL_UI_PORT: String(ports.ui) };
    ui = `http://127.0.0.1:${ports.ui}`;
    const record = path.join(dataDir, 'started');
    const start = await runInfra('mail.sh', ['start'], { ...env, INFRA_STARTED_RECORD: record });
    expect(start.output).toMatch(/mail: ready/);
    expect(start.status).toBe(0);
    // The name up.sh --record writes, which down.sh --only stops.
    expect(fs.readFileSync(record, 'utf8')).toBe('mail\n');
    pid = Number(fs.readFileSync(path.join(dataDir, 'run', 'mail.pid'), 'utf8'));
  }, 180_000);

  afterAll(async () => {
    if (env) await runInfra('mail.sh', ['stop'], env);
    // Only our own process, by its PID, if stop could not.
    if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('starts Mailpit, with its data under the data dir', async () => {
    expect(fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim()).toMatch(/^mailpit/);
    const info = await getJson<{ Version: string; Database: string }>(`${ui}/api/v1/info`);
    expect(info.Version).toBe('v1.33.1');
    expect(info.Database).toBe(path.join(dataDir, 'mailpit', 'mailpit.db'));
    expect(fs.existsSync(path.join(dataDir, 'mailpit', 'mailpit.db'))).toBe(true);
    expect((await runInfra('mail.sh', ['status'], env)).output).toMatch(new RegExp(`mail: running \\(pid ${pid}, ours\\)`));
  });

  test('a second start starts nothing new', async () => {
    const record = path.join(dataDir, 'started-again');
    const again = await runInfra('mail.sh', ['start'], { ...env, INFRA_STARTED_RECORD: record });
    expect(again.status).toBe(0);
    expect(again.output).toMatch(new RegExp(`mail: already running \\(pid ${pid}\\)`));
    expect(Number(fs.readFileSync(path.join(dataDir, 'run', 'mail.pid'), 'utf8'))).toBe(pid);
    expect(fs.existsSync(record)).toBe(false);
  });

  test('mail sent over SMTP, with any login or none, is read back from the REST API', async () => {
    const smtpPort = Number(env.MAIL_SMTP_PORT);
    const subject = `You were outbid ${Date.now()}`;
    await sendMail(smtpPort, {
      from: 'notifier@car-auction.test',
      to: 'alice@car-auction.test',
      subject,
      text: 'Someone bid $12,500 on the 1967 Mustang.\n.A line that starts with a dot.',
      login: { user: 'any-user', password: 'any-password' },
    });
    await sendMail(smtpPort, {
      from: 'notifier@car-auction.test',
      to: 'bob@car-auction.test',
      subject: `${subject} (no login)`,
      text: 'Hello Bob',
    });

    const list = await getJson<{ total: number; messages: MessageSummary[] }>(`${ui}/api/v1/messages`);
    expect(list.total).toBe(2);
    const withLogin = list.messages.find((m) => m.Subject === subject);
    expect(withLogin).toMatchObject({
      From: { Address: 'notifier@car-auction.test' },
      To: [{ Address: 'alice@car-auction.test' }],
      Username: 'any-user',
    });
    expect(list.messages.find((m) => m.Subject === `${subject} (no login)`)).toMatchObject({
      To: [{ Address: 'bob@car-auction.test' }],
      Username: '',
    });

    // The body as sent: the dot-stuffed line arrives with its single dot.
    const message = await getJson<{ Text: string }>(`${ui}/api/v1/message/${withLogin!.ID}`);
    expect(message.Text.trim().split(/\r?\n/)).toEqual(['Someone bid $12,500 on the 1967 Mustang.', '.A line that starts with a dot.']);
  });

  test('serves its web UI: the page and the bundle it loads', async () => {
    const page = await fetch(`${ui}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = /src="([^"]*dist\/app\.js)[^"]*"/.exec(html)?.[1];
    expect(script).toBe('/dist/app.js');
    const bundle = await fetch(`${ui}${script}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    // The bundled Vue app, not an empty placeholder.
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });

  test('stop stops the process it started', async () => {
    const stop = await runInfra('mail.sh', ['stop'], env);
    expect(stop.status).toBe(0);
    expect(stop.output).toMatch(new RegExp(`mail: stopping pid ${pid}`));
    expect(alive(pid)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'run', 'mail.pid'))).toBe(false);
    expect(await portOpen(Number(env.MAIL_SMTP_PORT))).toBe(false);
  });
});

test('a mail server already answering at the SMTP address is used, and not stopped by us', async () => {
  const other = await foreignListener();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-mail-'));
  const env = { CAR_AUCTION_DATA_DIR: dataDir, MAIL_SMTP_PORT: String(other.port), MAIL_UI_PORT: String(await freePort()) };
  try {
    const start = await runInfra('mail.sh', ['start'], env);
    expect(start.status).toBe(0);
    expect(start.output).toContain(`mail: something already answers at 127.0.0.1:${other.port}; using it`);
    expect(fs.existsSync(path.join(dataDir, 'run', 'mail.pid'))).toBe(false);

    const stop = await runInfra('mail.sh', ['stop'], env);
    expect(stop.status).toBe(0);
    expect(stop.output).toMatch(/mail: not started by these scripts; leaving it alone/);
    const seen = other.connections();
    expect((await runInfra('mail.sh', ['status'], env)).output).toMatch(/not ours/);
    expect(other.connections()).toBeGreaterThan(seen);
  } finally {
    await other.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('mail.sh run execs Mailpit with the start flags, in the foreground, and writes no PID file', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-mail-run-'));
  const ports = await mailPorts();
  const child = spawn('bash', [path.join(repoRoot, 'infra', 'mail.sh'), 'run'], {
    env: { ...process.env, CAR_AUCTION_DATA_DIR: dataDir, MAIL_SMTP_PORT: String(ports.smtp), MAIL_UI_PORT: String(ports.ui) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const ready = await eventually(
      'Mailpit to answer /readyz',
      () =>
        fetch(`http://127.0.0.1:${ports.ui}/readyz`).then(
          (r) => (r.ok ? true : undefined),
          () => undefined,
        ),
      170_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n--- mail.sh run ---\n${output}`);
    });
    expect(ready).toBe(true);
    expect(await portOpen(ports.smtp)).toBe(true);
    // The PID PM2 would hold is the server's own.
    expect(fs.readFileSync(`/proc/${child.pid}/comm`, 'utf8').trim()).toMatch(/^mailpit/);
    const args = fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(flag('--database')).toBe(path.join(dataDir, 'mailpit', 'mailpit.db'));
    expect(flag('--max')).toBe('5000');
    expect(args).toEqual(expect.arrayContaining(['--smtp-auth-accept-any', '--smtp-auth-allow-insecure']));
    expect(fs.existsSync(path.join(dataDir, 'run', 'mail.pid'))).toBe(false);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 180_000);

describe.each(['MAIL_SMTP_PORT', 'MAIL_UI_PORT'])('mail.sh run where something already answers at %s', (portVar) => {
  test('refuses, and leaves the other listener alone', async () => {
    const other = await foreignListener();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-mail-run-'));
    const ports = await mailPorts();
    const env = {
      CAR_AUCTION_DATA_DIR: dataDir,
      MAIL_SMTP_PORT: String(ports.smtp),
      MAIL_UI_PORT: String(ports.ui),
      [portVar]: String(other.port),
    };
    try {
      const result = await runInfra('mail.sh', ['run'], env);
      expect(result.status).toBe(1);
      expect(result.output).toContain(`mail: something already answers at 127.0.0.1:${other.port}; not starting another`);
      expect(await portOpen(other.port)).toBe(true);
    } finally {
      await other.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

test('a Mailpit that cannot start says what failed and where its log is', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-mail-fail-'));
  try {
    // 192.0.2.1 (TEST-NET-1) is on no interface here, so Mailpit cannot bind it.
    const ports = await mailPorts();
    const result = await runInfra('mail.sh', ['start'], {
      CAR_AUCTION_DATA_DIR: dataDir,
      MAIL_HOST: '192.0.2.1',
      MAIL_SMTP_PORT: String(ports.smtp),
      MAIL_UI_PORT: String(ports.ui),
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/mail failed to start; full log: .*mailpit\.log/);
    expect(fs.existsSync(path.join(dataDir, 'run', 'mail.pid'))).toBe(false);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
