import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, tokenHeaders } from '../../test/support/factories.ts';
import { htmlLinks, mailHeader, mimePart, SmtpPeer, textLinks } from '../../test/support/smtp-peer.ts';
import { notifications, nudges, nudgeTemplates, people } from '../db/schema/index.ts';
import { putSetting } from '../settings/service.ts';
import { installDefaultTemplates } from './defaults.ts';
import { deliverNudge, MAX_ATTEMPTS } from './deliver.ts';
import { defaultGuardrails } from './guardrails.ts';
import { planNudges, requeueStale } from './planner.ts';
import { trackingToken } from './tracking.ts';

const smtp = new SmtpPeer();
let t: TestApp;
before(async () => {
  const url = await smtp.start();
  t = await createTestApp({ SMTP_URL: url, PODIUM_MAIL_FROM: 'Podium <podium@example.com>' });
});
after(async () => {
  await t?.close();
  await smtp.stop();
});
beforeEach(async () => {
  smtp.failing = false;
  await putSetting(t.ctx.database.db, 'nudges.guardrails', { ...defaultGuardrails, perWeek: 3 }, t.clock.now());
});

async function onlyTemplates(keys: string[]) {
  const db = t.ctx.database.db;
  await installDefaultTemplates(db, t.clock.now());
  await db.update(nudgeTemplates).set({ enabled: false });
  await db.update(nudgeTemplates).set({ enabled: true, holdoutPercent: 0 }).where(inArray(nudgeTemplates.key, keys));
}

/** Plans for one newcomer and answers their nudges (id and template key), oldest first. */
async function planFor(overrides: Parameters<typeof buildPerson>[1] = {}) {
  const person = await buildPerson(t, { statusChangedAt: t.clock.now(), language: 'en', name: 'Robin Example', ...overrides });
  await planNudges(t.ctx);
  t.jobs.sent.length = 0;
  const rows = await t.ctx.database.db
    .select({ id: nudges.id, key: nudgeTemplates.key })
    .from(nudges)
    .innerJoin(nudgeTemplates, eq(nudgeTemplates.id, nudges.templateId))
    .where(eq(nudges.personId, person.id))
    .orderBy(nudgeTemplates.key);
  return { person, nudges: rows };
}

const nudgeRow = async (id: string) => (await t.ctx.database.db.select().from(nudges).where(eq(nudges.id, id)))[0];

test('delivering twice sends one e-mail, with one-click unsubscribe headers and the same links in HTML and text', async () => {
  await onlyTemplates(['onboarding.welcome']);
  const { person, nudges: [nudge] } = await planFor({ email: 'twice@example.com' });
  assert.ok(nudge);
  assert.equal(await deliverNudge(t.ctx, nudge.id), 'sent');
  assert.equal(await deliverNudge(t.ctx, nudge.id), 'already_done');
  const mails = smtp.to(person.email);
  assert.equal(mails.length, 1, 'one message at the SMTP peer');
  const [mail] = mails;
  assert.ok(mail);
  // The subject is a MIME encoded word (it has a curly apostrophe).
  assert.match(mailHeader(mail.raw, 'Subject') ?? '', /^=\?UTF-8\?Q\?Welcome_to_Podium=E2=80=99s_stories\?=$/);
  const listUnsubscribe = mailHeader(mail.raw, 'List-Unsubscribe');
  assert.match(listUnsubscribe ?? '', /^<http:\/\/podium\.test\/unsubscribe\/n\.[^>]+>$/);
  assert.equal(mailHeader(mail.raw, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
  const html = mimePart(mail.raw, 'text/html');
  const text = mimePart(mail.raw, 'text/plain');
  assert.deepEqual([...new Set(htmlLinks(html))].sort(), [...new Set(textLinks(text))].sort(), 'the same links in both parts');
  assert.ok(textLinks(text).includes(`http://podium.test/n/${trackingToken(t.ctx, nudge.id)}`), 'the action goes through the click redirect');
  assert.ok(textLinks(text).includes(listUnsubscribe?.slice(1, -1) ?? ''), 'the unsubscribe link is the header’s');
  assert.match(text, /Welcome, Robin!/);
  const row = await nudgeRow(nudge.id);
  assert.equal(row?.status, 'sent');
  assert.equal(row?.attempts, 1);
  assert.equal(row?.reason, null);
  assert.ok(row?.sentAt);
});

test('two deliveries of the same nudge at once still send one message', async () => {
  await onlyTemplates(['onboarding.welcome']);
  const { person, nudges: [nudge] } = await planFor({ email: 'concurrent@example.com' });
  assert.ok(nudge);
  const outcomes = await Promise.all([deliverNudge(t.ctx, nudge.id), deliverNudge(t.ctx, nudge.id), deliverNudge(t.ctx, nudge.id)]);
  assert.equal(outcomes.filter((o) => o === 'sent').length, 1, outcomes.join());
  assert.equal(smtp.to(person.email).length, 1);
});

test('a failing SMTP server: retried, then failed after the last attempt with the reason visible to admins; nothing sent twice', async () => {
  await onlyTemplates(['onboarding.welcome']);
  const { person, nudges: [nudge] } = await planFor({ email: 'flaky@example.com' });
  assert.ok(nudge);
  smtp.failing = true;
  for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
    await assert.rejects(deliverNudge(t.ctx, nudge.id), /451|try again/);
    const row = await nudgeRow(nudge.id);
    assert.equal(row?.status, 'scheduled', 'still waiting for the next retry');
    assert.equal(row?.attempts, attempt);
    assert.match(row?.reason ?? '', /^retrying: /);
  }
  assert.equal(await deliverNudge(t.ctx, nudge.id), 'failed');
  const row = await nudgeRow(nudge.id);
  assert.equal(row?.status, 'failed');
  assert.match(row?.reason ?? '', /try again later.*after 6 attempts/);
  smtp.failing = false;
  assert.equal(await deliverNudge(t.ctx, nudge.id), 'already_done', 'a late duplicate job sends nothing');
  assert.equal(smtp.to(person.email).length, 0);

  const admin = await tokenHeaders(t, 'admin');
  const failed = await t.app.inject({ method: 'GET', url: '/api/v1/nudges/failed', headers: admin });
  assert.equal(failed.statusCode, 200);
  const item = failed.json().items.find((i: { id: string }) => i.id === nudge.id);
  assert.equal(item?.personName, 'Robin Example');
  assert.equal(item?.templateKey, 'onboarding.welcome');
  assert.match(item?.reason ?? '', /try again later/);
});

test('a person who paused after planning gets nothing at delivery', async () => {
  await onlyTemplates(['onboarding.welcome']);
  const { person, nudges: [nudge] } = await planFor({ email: 'paused.later@example.com' });
  assert.ok(nudge);
  await t.ctx.database.db.update(people).set({ ambassadorStatus: 'paused' }).where(eq(people.id, person.id));
  assert.equal(await deliverNudge(t.ctx, nudge.id), 'suppressed');
  assert.deepEqual([(await nudgeRow(nudge.id))?.status, (await nudgeRow(nudge.id))?.reason], ['suppressed', 'person_paused']);
  assert.equal(smtp.to(person.email).length, 0);
});

test('a template switched off after planning sends nothing more: its waiting nudges are suppressed', async () => {
  await onlyTemplates(['onboarding.welcome']);
  const { person, nudges: [nudge] } = await planFor({ email: 'switched.off@example.com' });
  assert.ok(nudge);
  await t.ctx.database.db.update(nudgeTemplates).set({ enabled: false }).where(eq(nudgeTemplates.key, 'onboarding.welcome'));
  assert.equal(await deliverNudge(t.ctx, nudge.id), 'suppressed');
  assert.deepEqual([(await nudgeRow(nudge.id))?.status, (await nudgeRow(nudge.id))?.reason], ['suppressed', 'template_disabled']);
  assert.equal(smtp.to(person.email).length, 0);
});

test('delivery inside quiet hours waits: the nudge is moved to the next allowed moment and a job queued for then', async () => {
  await onlyTemplates(['onboarding.welcome']);
  const { person, nudges: [nudge] } = await planFor({ email: 'late.evening@example.com' });
  assert.ok(nudge);
  // Organisation quiet hours changed to cover the morning (10:00 in Amsterdam now).
  await putSetting(t.ctx.database.db, 'nudges.guardrails', { ...defaultGuardrails, quietStart: '09:00', quietEnd: '12:00' }, t.clock.now());
  assert.equal(await deliverNudge(t.ctx, nudge.id), 'rescheduled');
  assert.equal((await nudgeRow(nudge.id))?.scheduledFor.toISOString(), '2026-11-27T11:00:00.000Z');
  assert.deepEqual(t.jobs.sent.at(-1), { name: 'nudges.deliver', data: { nudgeId: nudge.id } });
  assert.equal(smtp.to(person.email).length, 0);
  t.jobs.sent.length = 0;
});

test('after a one-click unsubscribe (POST to the List-Unsubscribe URL, no session) the next nudge goes in-app, not by e-mail', async () => {
  await onlyTemplates(['onboarding.welcome', 'onboarding.profile']);
  // Became active 7 days ago: the profile step is due; the welcome is too old, so give it its own run first.
  const person = await buildPerson(t, { statusChangedAt: t.clock.now(), language: 'nl', email: 'unsubscriber@example.com' });
  await planNudges(t.ctx);
  const [welcome] = await t.ctx.database.db.select().from(nudges).where(eq(nudges.personId, person.id));
  assert.ok(welcome);
  assert.equal(await deliverNudge(t.ctx, welcome.id), 'sent');
  const [mail] = smtp.to(person.email);
  assert.ok(mail);
  assert.match(mimePart(mail.raw, 'text/plain'), /Afmelden voor deze e-mails/);
  const url = new URL((mailHeader(mail.raw, 'List-Unsubscribe') ?? '').slice(1, -1));
  const response = await t.app.inject({ method: 'POST', url: url.pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
  assert.equal(response.statusCode, 200);
  t.clock.advance(7 * 86_400_000);
  await planNudges(t.ctx);
  const [profile] = await t.ctx.database.db.select().from(nudges).where(eq(nudges.sendKey, `onboarding.profile:${person.id}:profile`));
  assert.ok(profile, 'the profile step is planned');
  assert.equal(profile.channel, 'in_app');
  assert.equal(await deliverNudge(t.ctx, profile.id), 'sent');
  assert.equal(smtp.to(person.email).length, 1, 'no further nudge e-mail');
  const bell = await t.ctx.database.db.select().from(notifications).where(eq(notifications.nudgeId, profile.id));
  assert.equal(bell.length, 1);
  assert.equal(bell[0]?.url, '/profile');
  t.clock.advance(-7 * 86_400_000);
  t.jobs.sent.length = 0;
});

test('a channel that cannot reach the person (web push without a subscription) falls back to in-app without retrying', async () => {
  await onlyTemplates(['new_story.job_hopper']);
  await t.ctx.database.db.update(nudgeTemplates).set({ key: 'new_story.job_hopper', trigger: 'onboarding', params: { step: 'welcome', afterDays: 0, onlyWithoutShares: false }, personas: ['unknown'] }).where(eq(nudgeTemplates.key, 'new_story.job_hopper'));
  const { person, nudges: [nudge] } = await planFor({ email: 'no.push@example.com', notificationChannels: ['web_push', 'in_app'] });
  assert.ok(nudge);
  assert.equal((await nudgeRow(nudge.id))?.channel, 'web_push');
  assert.equal(await deliverNudge(t.ctx, nudge.id), 'sent');
  const row = await nudgeRow(nudge.id);
  assert.equal(row?.channel, 'in_app');
  assert.match(row?.reason ?? '', /^fallback_from_web_push/);
  assert.equal((await t.ctx.database.db.select().from(notifications).where(eq(notifications.nudgeId, nudge.id))).length, 1);
  assert.equal(smtp.to(person.email).length, 0);
});

test('the click redirect goes only to the nudge’s own path and records the click (and the open); the pixel records an open', async () => {
  await onlyTemplates(['onboarding.welcome']);
  const { nudges: [nudge] } = await planFor({ email: 'clicker@example.com' });
  assert.ok(nudge);
  const token = trackingToken(t.ctx, nudge.id);
  const pixel = await t.app.inject({ method: 'GET', url: `/n/${token}/open.gif` });
  assert.equal(pixel.statusCode, 200);
  assert.equal(pixel.headers['content-type'], 'image/gif');
  assert.ok((await nudgeRow(nudge.id))?.openedAt);
  const click = await t.app.inject({ method: 'GET', url: `/n/${token}?next=https://evil.example/` });
  assert.equal(click.statusCode, 302);
  assert.equal(click.headers.location, 'http://podium.test/feed');
  assert.ok((await nudgeRow(nudge.id))?.clickedAt);

  // A forged token (another nudge id with this MAC, or a made-up MAC) records nothing and leads home.
  const { nudges: [other] } = await planFor({ email: 'clicker2@example.com' });
  assert.ok(other);
  const forged = await t.app.inject({ method: 'GET', url: `/n/${other.id}.${token.split('.')[1]}` });
  assert.equal(forged.headers.location, 'http://podium.test/');
  assert.equal((await nudgeRow(other.id))?.clickedAt, null);
  // A stored path that is not a path inside Podium is never followed.
  await t.ctx.database.db.update(nudges).set({ variables: { path: '//evil.example/x' } }).where(eq(nudges.id, other.id));
  const odd = await t.app.inject({ method: 'GET', url: `/n/${trackingToken(t.ctx, other.id)}` });
  assert.equal(odd.headers.location, 'http://podium.test/');
});

test('a HEAD on the click link (a link checker) redirects but is not counted as a click', async () => {
  await onlyTemplates(['onboarding.welcome']);
  const { nudges: [nudge] } = await planFor({ email: 'checker@example.com' });
  assert.ok(nudge);
  const head = await t.app.inject({ method: 'HEAD', url: `/n/${trackingToken(t.ctx, nudge.id)}` });
  assert.equal(head.statusCode, 302);
  assert.equal((await nudgeRow(nudge.id))?.clickedAt, null);
  const pixelHead = await t.app.inject({ method: 'HEAD', url: `/n/${trackingToken(t.ctx, nudge.id)}/open.gif` });
  assert.equal(pixelHead.statusCode, 200);
  assert.equal((await nudgeRow(nudge.id))?.openedAt, null);
});

test('the alumni invitation goes to the personal address a leaver left, and its link opens the join page with a signed invitation', async () => {
  await onlyTemplates(['leaving.alumni']);
  const leftAt = new Date(t.clock.now().getTime() - 86_400_000);
  const { person, nudges: [nudge] } = await planFor({ email: 'work.address@example.com', personalEmail: 'home.address@example.com', ambassadorStatus: 'alumni', leftAt });
  assert.ok(nudge);
  assert.equal(await deliverNudge(t.ctx, nudge.id), 'sent');
  assert.equal(smtp.to('home.address@example.com').length, 1);
  assert.equal(smtp.to(person.email).length, 0);
  const click = await t.app.inject({ method: 'GET', url: `/n/${trackingToken(t.ctx, nudge.id)}` });
  assert.equal(click.statusCode, 302);
  assert.match(click.headers.location as string, /^http:\/\/podium\.test\/alumni\/join\?token=[^&]+$/);
  const token = new URL(click.headers.location as string).searchParams.get('token');
  const invitation = await t.app.inject({ method: 'GET', url: `/api/v1/alumni/invitation?token=${encodeURIComponent(token ?? '')}` });
  assert.equal(invitation.statusCode, 200, invitation.body);
});

test('the database failing just after the SMTP server took the message: the retry does not send it again', async () => {
  await onlyTemplates(['onboarding.welcome']);
  const { person, nudges: [nudge] } = await planFor({ email: 'db.blip@example.com' });
  assert.ok(nudge);
  // The same database, except that marking the nudge sent fails once (a dropped connection).
  const db = t.ctx.database.db;
  let dropped = false;
  const flaky = new Proxy(db, {
    get(target, property) {
      if (property === 'update') {
        return (table: Parameters<typeof db.update>[0]) => {
          const builder = target.update(table);
          return new Proxy(builder, {
            get(inner, name) {
              if (name === 'set') {
                return (values: { status?: string }) => {
                  if (values.status === 'sent' && !dropped) {
                    dropped = true;
                    throw new Error('Connection terminated unexpectedly');
                  }
                  return inner.set(values as never);
                };
              }
              const value = Reflect.get(inner, name);
              return typeof value === 'function' ? value.bind(inner) : value;
            },
          });
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const flakyCtx = { ...t.ctx, database: { ...t.ctx.database, db: flaky } };
  await assert.rejects(deliverNudge(flakyCtx, nudge.id), /Connection terminated/);
  assert.ok(dropped);
  assert.equal(smtp.to(person.email).length, 1, 'the SMTP server has the message');
  // pg-boss retries the job: the claim is still there, so nothing is sent again.
  assert.notEqual(await deliverNudge(t.ctx, nudge.id), 'sent');
  assert.equal(smtp.to(person.email).length, 1, 'still one message');
  t.jobs.sent.length = 0;
});

test('a send interrupted by a crash is not sent again: the stale claim ends as failed, found by the planner’s sweep', async () => {
  await onlyTemplates(['onboarding.welcome']);
  const { person, nudges: [nudge] } = await planFor({ email: 'crashed@example.com' });
  assert.ok(nudge);
  // A process claimed the nudge and died before it could mark it sent.
  await t.ctx.database.db.update(nudges).set({ reason: `sending:${t.clock.now().getTime()}`, attempts: 1 }).where(eq(nudges.id, nudge.id));
  assert.equal(await deliverNudge(t.ctx, nudge.id), 'in_progress', 'a fresh claim is left alone');
  t.clock.advance(2 * 3_600_000);
  assert.ok((await requeueStale(t.ctx)) >= 1);
  assert.ok(t.jobs.sent.some((job) => job.name === 'nudges.deliver' && (job.data as { nudgeId: string }).nudgeId === nudge.id));
  assert.equal(await deliverNudge(t.ctx, nudge.id), 'failed');
  assert.equal((await nudgeRow(nudge.id))?.reason, 'interrupted_while_sending');
  assert.equal(smtp.to(person.email).length, 0);
  t.clock.advance(-2 * 3_600_000);
  t.jobs.sent.length = 0;
});

test('through the registered workers: the plan job queues the delivery, and a duplicate delivery job sends nothing more', async () => {
  await onlyTemplates(['onboarding.welcome']);
  const person = await buildPerson(t, { statusChangedAt: t.clock.now(), language: 'en', email: 'worker.path@example.com' });
  t.jobs.sent.length = 0;
  await t.jobs.send('nudges.plan', {});
  await t.jobs.drain();
  const [nudge] = await t.ctx.database.db.select().from(nudges).where(eq(nudges.personId, person.id));
  assert.equal(nudge?.status, 'sent');
  await t.jobs.send('nudges.deliver', { nudgeId: nudge?.id });
  await t.jobs.drain();
  assert.equal(smtp.to(person.email).length, 1);
});
