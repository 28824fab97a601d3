import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { classifySendError, createSmtpTransport, type SmtpTransport } from '../src/mail/smtp-transport';

const withFields = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

describe('classifySendError', () => {
  test('a 5xx reply is permanent, with the reply in the reason', () => {
    const result = classifySendError(
      withFields("Can't send mail - all recipients were rejected", {
        code: 'EENVELOPE',
        responseCode: 550,
        response: '550 5.1.1 no such user',
      }),
    );
    expect(result).toEqual({ permanent: true, reason: expect.stringContaining('550 5.1.1 no such user') });
  });

  test('a bare responseCode 550 is permanent', () => {
    expect(classifySendError(withFields('Recipient command failed', { responseCode: 550 })).permanent).toBe(true);
  });

  test('a 4xx reply is transient', () => {
    const result = classifySendError(
      withFields('Recipient command failed', { code: 'EENVELOPE', responseCode: 451, response: '451 4.7.1 try later' }),
    );
    expect(result).toEqual({ permanent: false, reason: expect.stringContaining('451 4.7.1 try later') });
  });

  test('503 (bad sequence) and failed credentials are transient despite their 5xx', () => {
    expect(classifySendError(withFields('x', { responseCode: 503, response: '503 bad sequence' })).permanent).toBe(false);
    expect(
      classifySendError(withFields('Invalid login', { code: 'EAUTH', responseCode: 535, response: '535 auth failed' })).permanent,
    ).toBe(false);
  });

  test('connection failures are transient', () => {
    for (const code of ['ECONNREFUSED', 'ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET']) {
      const result = classifySendError(withFields(`connect ${code} 127.0.0.1:25`, { code }));
      expect(result.permanent).toBe(false);
      expect(result.reason).toContain(code);
    }
  });

  test('an address nodemailer refuses before sending is permanent', () => {
    expect(classifySendError(withFields('No recipients defined', { code: 'EENVELOPE' })).permanent).toBe(true);
    expect(classifySendError(withFields('Invalid recipient "a\\nb"', { code: 'EENVELOPE' })).permanent).toBe(true);
  });

  test('anything unknown is transient', () => {
    expect(classifySendError(new Error('boom'))).toEqual({ permanent: false, reason: 'Sending failed: boom' });
    expect(classifySendError('boom').permanent).toBe(false);
    expect(classifySendError(undefined).permanent).toBe(false);
    expect(classifySendError(null).permanent).toBe(false);
  });

  test('the reason is at most 300 characters', () => {
    const result = classifySendError(withFields('x', { responseCode: 550, response: `550 ${'y'.repeat(1000)}` }));
    expect(result.reason.length).toBeLessThanOrEqual(300);
  });
});

describe('createSmtpTransport against a server that refuses the recipient', () => {
  jest.setTimeout(15_000);

  let server: Server;
  let port: number;
  let transport: SmtpTransport | undefined;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // Just enough SMTP for one refused recipient: no PIPELINING or STARTTLS advertised, so nodemailer sends one command at a time.
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      socket.setEncoding('utf8');
      let buffered = '';
      socket.write('220 fake.test ESMTP\r\n');
      socket.on('data', (chunk: string) => {
        buffered += chunk;
        let end: number;
        while ((end = buffered.indexOf('\r\n')) >= 0) {
          const line = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const verb = line.split(' ')[0]?.toUpperCase();
          if (verb === 'EHLO') socket.write('250-fake.test\r\n250 8BITMIME\r\n');
          else if (verb === 'HELO' || verb === 'MAIL' || verb === 'RSET' || verb === 'NOOP') socket.write('250 OK\r\n');
          else if (verb === 'RCPT') socket.write('550 5.1.1 no such user\r\n');
          else if (verb === 'QUIT') socket.end('221 bye\r\n');
          else socket.write('502 5.5.2 not implemented\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    transport?.close();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('the refusal is classified as permanent', async () => {
    transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
    const error = await transport
      .sendMail({ from: 'auctions@example.com', to: 'nobody@example.com', subject: 'Outbid: 1967 Ford Mustang', text: 'hello' })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(error).toBeDefined();
    const result = classifySendError(error);
    expect(result.permanent).toBe(true);
    expect(result.reason).toContain('550 5.1.1 no such user');
  });
});
