import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freePort } from '@car-auction/test-support/ports';

/** The development mail server (Mailpit, started by infra/up.sh) as its REST API shows what arrived. */
export const mailUiUrl = () => process.env.MAIL_UI_URL ?? 'http://127.0.0.1:8025';
export const smtpUrl = () => process.env.SMTP_URL ?? 'smtp://127.0.0.1:1025';

export interface ArrivedMail {
  id: string;
  subject: string;
  to: string[];
  messageId: string;
}

interface Summary {
  ID: string;
  MessageID: string;
  Subject: string;
  To: { Address: string }[];
}

const getJson = async <T>(path: string, base = mailUiUrl()): Promise<T> => {
  const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`Mailpit ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

/** Every mail Mailpit (the local one, or the one at `base`) holds for this address (up to 200), oldest first. */
export async function mailsTo(address: string, base = mailUiUrl()): Promise<ArrivedMail[]> {
  const found = await getJson<{ messages: Summary[] }>(`/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}&limit=200`, base);
  return found.messages
    .map((m) => ({ id: m.ID, subject: m.Subject, to: m.To.map((t) => t.Address), messageId: m.MessageID }))
    .filter((m) => m.to.includes(address))
    .reverse();
}

export async function mailBody(id: string): Promise<{ text: string; html: string }> {
  const message = await getJson<{ Text: string; HTML: string }>(`/api/v1/message/${id}`);
  return { text: message.Text, html: message.HTML };
}

export async function mailHeaders(id: string): Promise<Record<string, string[]>> {
  return getJson<Record<string, string[]>>(`/api/v1/message/${id}/headers`);
}

export interface OwnMailpit {
  smtpUrl: string;
  uiUrl: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A Mailpit of this test's own (infra/mail.sh with its own data dir and
 * ports), to be started and stopped at will: the local one at :1025 is shared.
 * `env` reaches Mailpit too (MP_SMTP_ALLOWED_RECIPIENTS makes it refuse others with a 550).
 */
export async function ownMailpit(env: Record<string, string> = {}): Promise<OwnMailpit> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'e2e-mailpit-'));
  const [smtp, ui] = [await freePort(), await freePort()];
  const script = path.resolve(__dirname, '..', '..', 'infra', 'mail.sh');
  const run = (command: 'start' | 'stop') =>
    promisify(execFile)('bash', [script, command], {
      env: { ...process.env, ...env, CAR_AUCTION_DATA_DIR: dataDir, MAIL_SMTP_PORT: String(smtp), MAIL_UI_PORT: String(ui) },
      timeout: 300_000,
    });
  return {
    smtpUrl: `smtp://127.0.0.1:${smtp}`,
    uiUrl: `http://127.0.0.1:${ui}`,
    start: async () => void (await run('start')),
    stop: async () => {
      await run('stop');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
