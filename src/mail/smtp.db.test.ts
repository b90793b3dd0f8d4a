import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson } from '../../test/support/factories.ts';
import { mailHeader as header, mimePart as part, SmtpPeer } from '../../test/support/smtp-peer.ts';

// A local SMTP peer; it refuses any recipient whose address starts with "refused".
const smtp = new SmtpPeer();
const received = smtp.received;

let t: TestApp;
before(async () => {
  t = await createTestApp({ SMTP_URL: await smtp.start(), PODIUM_MAIL_FROM: 'Podium <podium@example.com>' });
});
after(async () => {
  await t.close();
  await smtp.stop();
});

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
