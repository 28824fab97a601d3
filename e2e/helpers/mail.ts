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

const getJson = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${mailUiUrl()}${path}`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`Mailpit ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

/** Every mail Mailpit holds for this address (up to 200), oldest first. */
export async function mailsTo(address: string): Promise<ArrivedMail[]> {
  const found = await getJson<{ messages: Summary[] }>(`/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}&limit=200`);
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
