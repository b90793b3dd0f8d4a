import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { buildShare } from '../../test/support/tracking.ts';
import { nudges, nudgeTemplates, type PersonaKey } from '../db/schema/index.ts';
import { buildStory } from '../public/test-fixtures.ts';
import { defaultTemplates } from './defaults.ts';
import { addDemoNudges } from './demo.ts';

let t: TestApp;
let editor: Record<string, string>;
before(async () => {
  t = await createTestApp();
  editor = await sessionHeaders(t, await buildPerson(t, { roles: ['editor', 'ambassador'], language: 'en' }));
});
after(() => t?.close());

const texts = (subject: string, body = 'Hello {firstName}', action = 'Open') => ({ en: { subject, body, action }, nl: { subject: `${subject} (nl)`, body, action } });

test('the list installs the persona-aware defaults once, in Dutch and English, for every persona and trigger', async () => {
  const first = await t.app.inject({ method: 'GET', url: '/api/v1/nudges/templates', headers: editor });
  assert.equal(first.statusCode, 200);
  const items = first.json().items as { key: string; trigger: string; personas: string[]; texts: { nl: { subject: string }; en: { subject: string } }; variables: string[] }[];
  assert.equal(items.length, defaultTemplates.length);
  for (const persona of ['anchored', 'loyal_fan', 'cautious_mover', 'job_hopper', 'unknown']) assert.ok(items.some((i) => i.personas.includes(persona)), persona);
  for (const trigger of ['new_story', 'share_clicks', 'share_application', 'vacancy_needs_stories', 'inactive', 'onboarding', 'leaving']) assert.ok(items.some((i) => i.trigger === trigger), trigger);
  for (const item of items) assert.notEqual(item.texts.nl.subject, item.texts.en.subject, item.key);
  assert.deepEqual(items.find((i) => i.key === 'share_clicks.visibility')?.variables, ['name', 'firstName', 'organisation', 'storyTitle', 'clicks']);
  // Idempotent by key: an edited default is not overwritten.
  const [welcome] = await t.ctx.database.db.select().from(nudgeTemplates).where(eq(nudgeTemplates.key, 'onboarding.welcome'));
  assert.ok(welcome);
  await t.ctx.database.db.update(nudgeTemplates).set({ enabled: false }).where(eq(nudgeTemplates.id, welcome.id));
  const second = await t.app.inject({ method: 'GET', url: '/api/v1/nudges/templates', headers: editor });
  assert.equal(second.json().items.length, defaultTemplates.length);
  assert.equal(second.json().items.find((i: { key: string }) => i.key === 'onboarding.welcome').enabled, false);
});

test('an unknown {variable} is a 400 that names it, where it is and what can be used', async () => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/nudges/templates',
    headers: editor,
    payload: { key: 'custom.bad', trigger: 'new_story', personas: ['loyal_fan'], channel: 'email', texts: texts('Hi {naam}') },
  });
  assert.equal(response.statusCode, 400);
  const { error } = response.json();
  assert.equal(error.code, 'nudge_variable_unknown');
  assert.match(error.message, /\{naam\} in texts\.en\.subject is not a variable Podium knows\. Use one of \{name\}, \{firstName\}, \{organisation\}, \{storyTitle\}/);
  const dutch = await t.app.inject({
    method: 'POST',
    url: '/api/v1/nudges/templates',
    // A signed-in person's profile language decides the message language.
    headers: await sessionHeaders(t, await buildPerson(t, { roles: ['editor'], language: 'nl' })),
    payload: { key: 'custom.bad', trigger: 'new_story', personas: ['loyal_fan'], channel: 'email', texts: texts('Hi', '{clicks} klikken') },
  });
  assert.equal(dutch.json().error.code, 'nudge_variable_not_for_trigger');
  assert.match(dutch.json().error.message, /\{clicks\} in texts\.en\.body wordt niet ingevuld bij de trigger “new_story”/);
});

test('trigger parameters are checked per trigger', async () => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/nudges/templates',
    headers: editor,
    payload: { key: 'custom.params', trigger: 'share_clicks', params: { clicks: 0, colour: 'red' }, personas: ['loyal_fan'], channel: 'email', texts: texts('{clicks} clicks') },
  });
  assert.equal(response.statusCode, 400);
  assert.equal(response.json().error.code, 'nudge_params_invalid');
  assert.match(response.json().error.message, /clicks/);
});

test('create, edit texts and personas, switch off; the key is unique; a missing template is a 404', async () => {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/nudges/templates',
    headers: editor,
    payload: { key: 'custom.clicks', trigger: 'share_clicks', params: { clicks: 25 }, personas: ['loyal_fan'], channel: 'in_app', texts: texts('{clicks} clicks on {storyTitle}') },
  });
  assert.equal(created.statusCode, 201, created.body);
  const template = created.json();
  assert.deepEqual(template.params, { clicks: 25, withinDays: 30 });
  assert.equal(template.holdoutPercent, 10, 'the default holdout from the guardrails');
  const again = await t.app.inject({ method: 'POST', url: '/api/v1/nudges/templates', headers: editor, payload: { key: 'custom.clicks', trigger: 'inactive', personas: ['unknown'], channel: 'email', texts: texts('Hi') } });
  assert.equal(again.statusCode, 409);
  const edited = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/nudges/templates/${template.id}`,
    headers: editor,
    payload: { texts: texts('Your share: {clicks}'), personas: ['loyal_fan', 'job_hopper'], holdoutPercent: 20, enabled: false },
  });
  assert.equal(edited.statusCode, 200, edited.body);
  assert.deepEqual([edited.json().texts.en.subject, edited.json().personas, edited.json().holdoutPercent, edited.json().enabled], ['Your share: {clicks}', ['loyal_fan', 'job_hopper'], 20, false]);
  const badEdit = await t.app.inject({ method: 'PATCH', url: `/api/v1/nudges/templates/${template.id}`, headers: editor, payload: { texts: texts('{vacancyTitle}') } });
  assert.equal(badEdit.json().error.code, 'nudge_variable_not_for_trigger');
  const missing = await t.app.inject({ method: 'PATCH', url: `/api/v1/nudges/templates/${uuidv7()}`, headers: editor, payload: { enabled: true } });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, 'nudge_template_not_found');
});

test('guardrails: editors read, admins change, with validation', async () => {
  const admin = await tokenHeaders(t, 'admin');
  const read = await t.app.inject({ method: 'GET', url: '/api/v1/nudges/guardrails', headers: editor });
  assert.deepEqual(read.json(), { perWeek: 1, quietStart: '21:00', quietEnd: '08:00', weekends: false, holdoutPercent: 10 });
  const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/nudges/guardrails', headers: admin, payload: { perWeek: 2, quietStart: '9pm', quietEnd: '08:00', weekends: false, holdoutPercent: 10 } });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /HH:MM/);
  const put = await t.app.inject({ method: 'PUT', url: '/api/v1/nudges/guardrails', headers: admin, payload: { perWeek: 2, quietStart: '22:00', quietEnd: '07:30', weekends: true, holdoutPercent: 15 } });
  assert.equal(put.statusCode, 200);
  assert.equal(put.json().perWeek, 2);
  const editorPut = await t.app.inject({ method: 'PUT', url: '/api/v1/nudges/guardrails', headers: editor, payload: put.json() });
  assert.equal(editorPut.statusCode, 403);
});

test('the report: share within 7 days for nudged and holdout, uplift in points, and "too few to say" for small groups', async () => {
  const db = t.ctx.database.db;
  const [template] = await db.select().from(nudgeTemplates).where(eq(nudgeTemplates.key, 'inactive.cautious_mover'));
  assert.ok(template);
  const story = await buildStory(t);
  const now = t.clock.now();
  const sentAt = new Date(now.getTime() - 10 * 86_400_000);
  // 40 nudged cautious movers (20 share within 7 days, 1 shares too late) and 10 held out (2 share).
  const rows: (typeof nudges.$inferInsert)[] = [];
  const add = async (status: 'sent' | 'holdout', persona: PersonaKey, shares: 'in' | 'late' | 'none', extra: Partial<typeof nudges.$inferInsert> = {}) => {
    const person = await buildPerson(t);
    rows.push({ templateId: template.id, personId: person.id, persona, sendKey: `report:${person.id}`, channel: 'email', status, holdout: status === 'holdout', scheduledFor: sentAt, createdAt: sentAt, sentAt: status === 'sent' ? sentAt : null, ...extra });
    if (shares !== 'none') await buildShare(t, story.id, { personId: person.id, at: new Date(sentAt.getTime() + (shares === 'in' ? 2 : 8) * 86_400_000) });
  };
  for (let i = 0; i < 40; i++) await add('sent', 'cautious_mover', i < 20 ? 'in' : i === 20 ? 'late' : 'none', i < 10 ? { openedAt: sentAt, clickedAt: i < 4 ? sentAt : null } : {});
  for (let i = 0; i < 10; i++) await add('holdout', 'cautious_mover', i < 2 ? 'in' : 'none');
  for (let i = 0; i < 3; i++) await add('sent', 'unknown', 'in');
  await db.insert(nudges).values(rows);
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/nudges/report?days=30', headers: editor });
  assert.equal(response.statusCode, 200);
  const report = response.json();
  const cautious = report.rows.find((r: { templateKey: string; persona: string }) => r.templateKey === 'inactive.cautious_mover' && r.persona === 'cautious_mover');
  assert.deepEqual(
    [cautious.decided, cautious.sent, cautious.holdout, cautious.opened, cautious.clicked, cautious.sharedAfterNudge, cautious.sharedInHoldout],
    [50, 40, 10, 10, 4, 20, 2],
  );
  assert.equal(cautious.shareRateNudged, 0.5);
  assert.equal(cautious.shareRateHoldout, 0.2);
  assert.equal(cautious.upliftPoints, 30);
  assert.equal(cautious.tooFewToSay, false);
  // Three people of a persona are a group below 5: an editor does not see that row, an admin does.
  const isUnknownRow = (r: { templateKey: string; persona: string }) => r.templateKey === 'inactive.cautious_mover' && r.persona === 'unknown';
  assert.equal(report.rows.some(isUnknownRow), false, 'no persona group below 5 people for an editor');
  const asAdmin = await t.app.inject({ method: 'GET', url: '/api/v1/nudges/report?days=30', headers: await tokenHeaders(t, 'admin') });
  const unknown = asAdmin.json().rows.find(isUnknownRow);
  assert.deepEqual([unknown.sent, unknown.holdout, unknown.tooFewToSay, unknown.upliftPoints, unknown.shareRateNudged], [3, 0, true, null, 1]);
});

test('the demo log: nudges per persona with holdouts, idempotent, and the report reads it', async () => {
  for (let i = 0; i < 30; i++) await buildPerson(t);
  const first = await addDemoNudges(t.ctx);
  assert.ok(first.nudges > 50, `${first.nudges} demo nudges`);
  assert.ok(first.holdout > 0, 'some are held out');
  assert.deepEqual(await addDemoNudges(t.ctx), { nudges: 0, holdout: first.holdout }, 'a second run adds nothing');
  const report = await t.app.inject({ method: 'GET', url: '/api/v1/nudges/report?days=120', headers: editor });
  assert.ok(report.json().rows.some((row: { holdout: number; sent: number }) => row.holdout > 0 && row.sent > 0));
});
