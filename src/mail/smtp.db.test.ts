import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson } from '../../test/support/factories.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const received: Received[] = [];
// A local SMTP peer; it refuses any recipient whose address starts with "refused".
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (address.address.startsWith('refused')) {
      const error = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
      return callback(error);
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString('utf8'),
      });
      callback();
    });
  },
});

let t: TestApp;
before(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, PODIUM_MAIL_FROM: 'Podium <podium@example.com>' });
});
after(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

/** Decodes a quoted-printable body (what nodemailer uses for long UTF-8 lines). */
function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The decoded body of the MIME part with the given content type. */
function part(raw: string, contentType: string): string {
  const boundary = raw.match(/boundary="?([^";\r\n]+)"?/)?.[1];
  assert.ok(boundary, 'a multipart message');
  const section = raw.split(`--${boundary}`).find((s) => new RegExp(`^\\s*Content-Type: ${contentType}`, 'im').test(s));
  assert.ok(section, `a ${contentType} part`);
  const [headers = '', ...body] = section.split(/\r?\n\r?\n/);
  const content = body.join('\n\n');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) return decodeQuotedPrintable(content);
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
  return content;
}

const header = (raw: string, name: string) => raw.match(new RegExp(`^${name}: (.*)$`, 'im'))?.[1]?.trim();

async function outboxRows(to: string) {
  return t.ctx.database.query<{ status: string; subject: string; text_body: string; html_body: string; sent_at: Date | null; error: string | null; kind: string }>(
    'select status, subject, text_body, html_body, sent_at, error, kind from mail_outbox where lower(to_address) = lower($1) order by created_at, id',
    [to],
  );
}

test('a magic-link request is delivered over SMTP: subject, and the same link in the text and HTML parts', async () => {
  const person = await buildPerson(t, { email: 'smtp.reader@example.com', name: 'Sam Reader', language: 'en' });
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: person.email } });
  assert.equal(response.statusCode, 202);

  const mail = received.find((m) => m.to.includes(person.email));
  assert.ok(mail, 'the SMTP server received the mail');
  assert.equal(mail.from, 'podium@example.com');
  assert.equal(header(mail.raw, 'Subject'), 'Your sign-in link for Podium');
  assert.match(header(mail.raw, 'To') ?? '', /smtp\.reader@example\.com/);
  const text = part(mail.raw, 'text/plain');
  const html = part(mail.raw, 'text/html');
  assert.match(text, /Hello Sam Reader/);
  const textLink = text.match(/https?:\/\/\S+/)?.[0];
  assert.ok(textLink, 'the text part has a link');
  assert.match(textLink, /^http:\/\/podium\.test\/auth\/magic\?token=[\w-]+/);
  const htmlLinks = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]?.replace(/&amp;/g, '&'));
  assert.ok(htmlLinks.length > 0);
  for (const link of htmlLinks) assert.equal(link, textLink, 'the button and the text link are the same link');

  const verify = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', payload: { token: new URL(textLink).searchParams.get('token') } });
  assert.equal(verify.statusCode, 200, 'the delivered link signs in');
});

test('the outbox records a sent mail without its body, because bodies carry sign-in links', async () => {
  const person = await buildPerson(t, { email: 'smtp.logged@example.com' });
  await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: person.email } });
  const rows = await outboxRows(person.email);
  assert.equal(rows.length, 1);
  const [row] = rows;
  assert.equal(row?.status, 'sent');
  assert.equal(row?.kind, 'sign_in');
  assert.equal(row?.subject, 'Your sign-in link for Podium');
  assert.ok(row?.sent_at);
  assert.equal(row?.text_body, '');
  assert.equal(row?.html_body, '');
  assert.equal(row?.error, null);
});

test('a mail the SMTP server refuses is recorded as failed, with the reason', async () => {
  const person = await buildPerson(t, { email: 'refused.person@example.com' });
  const before = received.length;
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: person.email } });
  // The SMTP server's own words stay in the log and the outbox, never in the answer to the public.
  assert.doesNotMatch(response.body, /mailbox unavailable|550|127\.0\.0\.1/);
  if (response.statusCode !== 202) assert.equal(response.json().error.code, 'internal_error');
  assert.equal(received.length, before, 'nothing was delivered');
  const rows = await outboxRows(person.email);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.status, 'failed');
  assert.match(rows[0]?.error ?? '', /mailbox unavailable|550/);
  assert.equal(rows[0]?.text_body, '', 'a failed mail keeps no sign-in link either');
  assert.equal(rows[0]?.sent_at, null);
});
