import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { digests, groupMemberships, groups, people, personPersonas } from '../db/schema/index.ts';
import { exportPerson, runRetention } from '../privacy/service.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders } from '../../test/support/factories.ts';
import { mailHeader as header, mimePart as part, SmtpPeer } from '../../test/support/smtp-peer.ts';
import { buildClicks, buildShare } from '../../test/support/tracking.ts';
import { prepareDigests } from './prepare.ts';
import { sendDigests } from './send.ts';

const smtp = new SmtpPeer();
const received = smtp.received;

const mailsTo = (email: string) => received.filter((mail) => mail.to.includes(email.toLowerCase()) || mail.to.includes(email));

let t: TestApp;
const cast: Record<string, { id: string; email: string }> = {};
const storyIds: Record<string, string> = {};
const DAY = 86_400_000;

before(async () => {
  t = await createTestApp({ SMTP_URL: await smtp.start(), PODIUM_MAIL_FROM: 'Podium <podium@example.com>', PODIUM_ORGANISATION_NAME: 'Zorggroep Test' });
  // Monday 30 November 2026, 04:10 UTC: when the weekly job runs.
  t.clock.advance(Date.parse('2026-11-30T04:10:00Z') - t.clock.now().getTime());
  const now = t.clock.now();
  const db = t.ctx.database.db;
  const [care, it] = [uuidv7(), uuidv7()];
  await db.insert(groups).values([
    { id: care, kind: 'department', name: 'Digest Care', createdAt: now, updatedAt: now },
    { id: it, kind: 'department', name: 'Digest IT', createdAt: now, updatedAt: now },
  ]);
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  storyIds.everyone = (await insertStory(t, { title: 'For everyone', publishedAt: ago(1) })).id;
  storyIds.care = (await insertStory(t, { title: 'For care', summary: 'Night shifts & <coffee>', publishedAt: ago(2), targetGroupIds: [care] })).id;
  storyIds.it = (await insertStory(t, { title: 'For IT', publishedAt: ago(3), targetGroupIds: [it] })).id;
  // The older story comes with a ready suggested text: a cautious mover's feed puts it higher.
  storyIds.old = (
    await insertStory(t, { title: 'An older story', publishedAt: ago(20), variants: [{ audience: 'candidates', headline: 'Older', suggestions: [{ network: 'linkedin', text: 'Worth a read.' }] }] })
  ).id;

  const person = async (key: string, fields: Parameters<typeof buildPerson>[1], groupIds: string[]) => {
    const row = await buildPerson(t, { name: `Digest ${key}`, ...fields });
    for (const groupId of groupIds) await db.insert(groupMemberships).values({ groupId, personId: row.id });
    cast[key] = { id: row.id, email: row.email };
  };
  await person('nurse', { language: 'nl', timeZone: 'Europe/Amsterdam' }, [care]);
  await person('developer', { language: 'en', timeZone: 'America/New_York' }, [it]);
  await person('both', { language: 'en', timeZone: 'Europe/Amsterdam' }, [care, it]);
  await person('paused', { ambassadorStatus: 'paused' }, [care]);
  await person('optedOut', { ambassadorStatus: 'opted_out' }, [care]);
  await person('alumnus', { ambassadorStatus: 'alumni' }, [care]);
  await person('unsubscribed', { digestUnsubscribedAt: ago(10) }, [care]);
  await person('sharedAll', { timeZone: 'Europe/Amsterdam' }, [it]);
  await person('later', { timeZone: 'Europe/Amsterdam' }, [care]);
  await person('mover', { timeZone: 'Europe/Amsterdam' }, [care]);
  await db.insert(personPersonas).values({ personId: cast.mover?.id as string, persona: 'cautious_mover', since: now, computedAt: now });

  // The nurse shared the older story last week: two people clicked, a crawler and a bot did too.
  const share = await buildShare(t, storyIds.old as string, { personId: cast.nurse?.id, at: new Date('2026-11-24T12:00:00Z') });
  await buildClicks(t, share, [{ at: new Date('2026-11-24T13:00:00Z'), visitor: 'a' }, { at: new Date('2026-11-25T13:00:00Z'), visitor: 'b' }, { kind: 'bot' }, { kind: 'preview' }]);
  // The developer shared the story for everyone long ago; sharedAll shared everything they can see, also long ago.
  await buildShare(t, storyIds.everyone as string, { personId: cast.developer?.id, at: ago(30) });
  for (const key of ['everyone', 'it', 'old']) await buildShare(t, storyIds[key] as string, { personId: cast.sharedAll?.id, at: ago(30) });
});
after(async () => {
  await t?.close();
  await smtp.stop();
});

async function feedOrder(key: string): Promise<string[]> {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/feed?limit=50', headers: await sessionHeaders(t, cast[key] as { id: string }) });
  assert.equal(response.statusCode, 200, response.body);
  return (response.json().items as { story: { id: string } }[]).map((item) => item.story.id);
}

const digestOf = async (key: string) => (await t.ctx.database.db.select().from(digests).where(eq(digests.personId, cast[key]?.id as string)))[0];

test('preparation gives each recipient the top of their own feed, without what they shared, and their impact of last week', async () => {
  // Not yet prepared for: to show a second run adds only the newcomers.
  await t.ctx.database.db.update(people).set({ ambassadorStatus: 'invited' }).where(eq(people.id, cast.later?.id as string));
  const report = await prepareDigests(t.ctx);
  assert.equal(report.week, '2026-11-30');
  assert.equal(report.prepared, 4);
  assert.equal(report.skipped, 1, 'sharedAll has nothing new and no impact');
  // Care (Amsterdam), IT (New York), care+IT, IT (Amsterdam, for sharedAll), and care for a cautious mover.
  assert.equal(report.rankings, 5, 'one ranking per day, group set and persona profile');

  const nurse = await digestOf('nurse');
  assert.equal(nurse?.status, 'prepared');
  assert.deepEqual(nurse?.storyIds, [storyIds.care, storyIds.everyone]);
  assert.deepEqual(nurse?.impact, { shares: 1, humanClicks: 2, visitors: 2, applications: 0 });
  assert.deepEqual(nurse?.storyIds, (await feedOrder('nurse')).filter((id) => id !== storyIds.old).slice(0, 3), 'the same order as the nurse’s feed');

  const developer = await digestOf('developer');
  assert.deepEqual(developer?.storyIds, [storyIds.it, storyIds.old]);
  assert.deepEqual(developer?.storyIds, (await feedOrder('developer')).filter((id) => id !== storyIds.everyone).slice(0, 3));
  assert.deepEqual(developer?.impact, { shares: 0, humanClicks: 0, visitors: 0, applications: 0 });

  const both = await digestOf('both');
  assert.deepEqual(both?.storyIds, (await feedOrder('both')).slice(0, 3));
  assert.equal(both?.storyIds.length, 3);

  const mover = await digestOf('mover');
  assert.deepEqual(mover?.storyIds, [storyIds.care, storyIds.old, storyIds.everyone], 'the stories with a ready text come first for a cautious mover');
  assert.deepEqual(mover?.storyIds, (await feedOrder('mover')).slice(0, 3), 'as in the mover’s own feed');

  assert.equal((await digestOf('sharedAll'))?.status, 'skipped');
  for (const key of ['paused', 'optedOut', 'alumnus', 'unsubscribed', 'later']) assert.equal(await digestOf(key), undefined, `${key} gets no digest`);

  const jobs = t.jobs.sent.filter((job) => job.name === 'digests.send').map((job) => job.data as { week: string; personIds: string[] });
  assert.equal(jobs.length, 2, 'one job per time zone');
  assert.deepEqual(jobs.flatMap((job) => job.personIds).sort(), [cast.nurse?.id, cast.developer?.id, cast.both?.id, cast.mover?.id].sort());

  // A second run in the same week adds only who is new, and enqueues every digest still waiting.
  await t.ctx.database.db.update(people).set({ ambassadorStatus: 'active' }).where(eq(people.id, cast.later?.id as string));
  const again = await prepareDigests(t.ctx);
  assert.equal(again.prepared, 1);
  assert.equal((await digestOf('later'))?.status, 'prepared');
  t.jobs.sent.length = 0;
});

test('sending delivers one e-mail per person over SMTP, with unsubscribe headers, the same links in both parts; a second send sends nothing', async () => {
  // Unsubscribed after preparation: skipped at send time.
  await t.ctx.database.db.update(people).set({ digestUnsubscribedAt: t.clock.now() }).where(eq(people.id, cast.later?.id as string));
  const week = '2026-11-30';
  const everyone = ['nurse', 'developer', 'both', 'mover', 'later'].map((key) => cast[key]?.id as string);
  const first = await sendDigests(t.ctx, { week, personIds: everyone });
  assert.deepEqual(first, { sent: 4, skipped: 1 });
  const second = await sendDigests(t.ctx, { week, personIds: everyone });
  assert.deepEqual(second, { sent: 0, skipped: 0 });
  for (const key of ['nurse', 'developer', 'both', 'mover']) assert.equal(mailsTo(cast[key]?.email as string).length, 1, `${key} got exactly one digest`);
  assert.equal(mailsTo(cast.later?.email as string).length, 0);
  assert.equal((await digestOf('later'))?.status, 'skipped');
  const nurseDigest = await digestOf('nurse');
  assert.equal(nurseDigest?.status, 'sent');
  assert.ok(nurseDigest?.sentAt);

  const [mail] = mailsTo(cast.nurse?.email as string);
  assert.ok(mail);
  assert.equal(header(mail.raw, 'Subject'), 'Je week bij Zorggroep Test: 2 verhalen om te delen');
  const listUnsubscribe = header(mail.raw, 'List-Unsubscribe') ?? '';
  assert.match(listUnsubscribe, /^<http:\/\/podium\.test\/unsubscribe\/[^>]+>$/);
  assert.equal(header(mail.raw, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
  const text = part(mail.raw, 'text/plain');
  const htmlPart = part(mail.raw, 'text/html');
  const textLinks = [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
  const htmlLinks = [...htmlPart.matchAll(/href="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
  assert.deepEqual(htmlLinks, textLinks, 'the same links, in the same order');
  assert.ok(textLinks.includes(listUnsubscribe.slice(1, -1)), 'the unsubscribe link of the headers is in the mail');
  assert.ok(textLinks.includes('http://podium.test/feed') && textLinks.includes('http://podium.test/me/impact'));
  assert.match(text, /Kliks door mensen: 2/);
  assert.match(text, /For care/);
  assert.match(htmlPart, /Night shifts &amp; &lt;coffee&gt;/, 'story text is escaped in HTML');
  assert.match(htmlPart, /<meta name="viewport" content="width=device-width, initial-scale=1">/);

  const [english] = mailsTo(cast.developer?.email as string);
  assert.equal(header(english?.raw ?? '', 'Subject'), 'Your week at Zorggroep Test: 2 stories to share');
  assert.match(part(english?.raw ?? '', 'text/plain'), /A quiet week/);

  // The one-click unsubscribe in the header stops next week's digest.
  const unsubscribe = await t.app.inject({ method: 'POST', url: new URL(listUnsubscribe.slice(1, -1)).pathname, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.ok(unsubscribe.statusCode < 300, `${unsubscribe.statusCode} ${unsubscribe.body.slice(0, 200)}`);
  const [row] = await t.ctx.database.db.select({ at: people.digestUnsubscribedAt }).from(people).where(eq(people.id, cast.nurse?.id as string));
  assert.ok(row?.at, 'the nurse is unsubscribed from the digest');
});

test('the weekly job prepares and the send jobs deliver through the queue; running them again sends nothing more', async () => {
  t.clock.advance(7 * DAY);
  const before = received.length;
  await t.jobs.send('digests.prepare', {});
  await t.jobs.drain();
  const sentNow = received.length - before;
  const [{ n }] = (await t.ctx.database.query<{ n: number }>("select count(*)::int as n from digests where week = '2026-12-07' and status = 'sent'")) as [{ n: number }];
  assert.equal(sentNow, n);
  assert.ok(n >= 2);
  await t.jobs.send('digests.prepare', {});
  await t.jobs.drain();
  assert.equal(received.length - before, sentNow, 'nothing is sent twice');
});

test('a digest is in the person’s data export, goes with erasure, and expires after 90 days', async () => {
  const exported = await exportPerson(t.ctx, cast.nurse?.id as string);
  const section = exported['digest.weekly'] as { week: string; status: string }[];
  assert.deepEqual(
    section.map((row) => [row.week, row.status]),
    [['2026-11-30', 'sent']],
  );
  const admin = await buildPerson(t, { roles: ['admin'] });
  const erased = await t.app.inject({ method: 'POST', url: `/api/v1/people/${cast.both?.id}/erase`, headers: await sessionHeaders(t, admin) });
  assert.equal(erased.statusCode, 200, erased.body);
  assert.equal((await t.ctx.database.db.select().from(digests).where(eq(digests.personId, cast.both?.id as string))).length, 0);

  t.clock.advance(91 * DAY);
  await runRetention(t.ctx);
  const [{ n }] = (await t.ctx.database.query<{ n: number }>("select count(*)::int as n from digests where week = '2026-11-30'")) as [{ n: number }];
  assert.equal(n, 0);
});
