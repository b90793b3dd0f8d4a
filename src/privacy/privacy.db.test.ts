import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, lastMailTo, linkIn, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { personalDataEntries, tablesWithoutPersonalData } from './register.ts';
import { runRetention } from './service.ts';

let t: TestApp;
let admin: Record<string, string>;
before(async () => {
  t = await createTestApp();
  admin = await tokenHeaders(t, 'admin');
});
after(() => t.close());

const DAY = 86_400_000;

async function publicTables(): Promise<string[]> {
  const rows = await t.ctx.database.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** Every text, array and JSON column of every public table holding the needle, as `table.column`. */
async function tracesOf(needle: string): Promise<string[]> {
  const columns = await t.ctx.database.query<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c
     join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name and tb.table_type = 'BASE TABLE'
     where c.table_schema = 'public' and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb') or c.udt_name in ('_text', '_varchar'))
     order by c.table_name, c.column_name`,
  );
  assert.ok(columns.length > 10, 'the scan sees the schema');
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const rows = await t.ctx.database.query<{ n: number | string }>(`select count(*) as n from "${table}" where "${column}"::text ilike $1`, [`%${needle}%`]);
    if (Number(rows[0]?.n) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

async function importCsv(lines: string[]): Promise<void> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/people/imports?skipInvalid=true',
    headers: { ...admin, 'content-type': 'text/csv' },
    payload: Buffer.from(`${lines.join('\n')}\n`),
  });
  assert.equal(response.statusCode, 202, response.body);
  for (let i = 0; i < 500; i++) {
    const record = await t.app.inject({ method: 'GET', url: `/api/v1/people/imports/${response.json().id}`, headers: admin });
    if (record.json().status !== 'running') {
      assert.equal(record.json().status, 'completed');
      return;
    }
    await sleep(10);
  }
  throw new Error('import did not finish');
}

/**
 * A person with a trace in every domain: imported (with a duplicate row the import report names),
 * invited, signed in, a password, consent, an edit in the audit log, an API token acting for them.
 */
async function personEverywhere(name: string, email: string) {
  await importCsv(['email,name,department,teams', `${email},${name},Privacy Dept,Privacy Team`, `${email.toUpperCase()},${name} Again,,`]);
  await t.jobs.drain();
  const [row] = await t.ctx.database.query<{ id: string }>('select id from people where lower(email) = lower($1)', [email]);
  assert.ok(row);
  const id = row.id;
  assert.ok(await lastMailTo(t, email), 'the invitation mail is in the outbox');
  await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email } });
  const token = linkIn((await lastMailTo(t, email))?.text ?? '').searchParams.get('token');
  const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', payload: { token } });
  assert.equal(signIn.statusCode, 200);
  const session = await sessionHeaders(t, { id });
  assert.equal((await t.app.inject({ method: 'PUT', url: '/api/v1/me/password', headers: session, payload: { password: 'a long enough password' } })).statusCode, 204);
  await t.ctx.database.query(`insert into consents (id, person_id, policy_version, given_at) values (gen_random_uuid(), $1, 'v1', $2)`, [id, t.clock.now()]);
  const edit = await t.app.inject({ method: 'PATCH', url: `/api/v1/people/${id}`, headers: admin, payload: { name: `${name} Edited` } });
  assert.equal(edit.statusCode, 200, edit.body);
  await tokenHeaders(t, 'ambassador', id);
  return { id, session };
}

test('every table is in the privacy register or declared free of personal data', async () => {
  const registered = new Set([...personalDataEntries().flatMap((e) => e.tables), ...tablesWithoutPersonalData()]);
  const tables = await publicTables();
  assert.ok(tables.includes('people'), 'the scan sees the schema');
  const forgotten = tables.filter((table) => !registered.has(table));
  assert.deepEqual(forgotten, [], 'register these tables in a privacy entry, or declare them free of personal data');
  const missing = [...registered].filter((table) => !tables.includes(table));
  assert.deepEqual(missing, [], 'the register names tables that do not exist');
  const keys = personalDataEntries().map((e) => e.key);
  assert.equal(new Set(keys).size, keys.length);
});

test('the register lists every entry with what is held and how long it is kept', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/privacy/register', headers: admin });
  assert.equal(response.statusCode, 200);
  const items = response.json().items as { key: string; description: string; retentionDays: number | null; tables: string[] }[];
  const byKey = new Map(items.map((i) => [i.key, i]));
  assert.deepEqual([...byKey.keys()].sort(), personalDataEntries().map((e) => e.key).sort());
  assert.equal(byKey.get('mail.outbox')?.retentionDays, 90);
  assert.equal(byKey.get('auth.sessions')?.retentionDays, 1);
  assert.equal(byKey.get('audit.log')?.retentionDays, 730);
  assert.equal(byKey.get('people.profile')?.retentionDays, null, 'a profile is kept while the person is there');
  for (const item of items) assert.ok(item.description.length > 20, `${item.key} says what it holds`);

  const ambassador = await tokenHeaders(t, 'ambassador', (await buildPerson(t)).id);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/privacy/register', headers: ambassador })).statusCode, 403);
});

test('an export has a section per register entry with the person’s own data, and no password hash', async () => {
  const person = await personEverywhere('Octavia Exportable', 'octavia.export@example.com');
  const other = await buildPerson(t, { name: 'Someone Else' });
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}/export`, headers: admin });
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-disposition']), /attachment; filename="podium-person-.+\.json"/);
  const data = response.json();
  for (const entry of personalDataEntries()) assert.ok(entry.key in data, `section ${entry.key}`);
  assert.equal(data.personId, person.id);
  assert.equal(data['people.profile'].email, 'octavia.export@example.com');
  assert.equal(data['people.profile'].name, 'Octavia Exportable Edited');
  assert.equal(data['people.profile'].hasPassword, true);
  assert.doesNotMatch(response.body, /argon2|passwordHash/i, 'the hash never leaves');
  assert.deepEqual(
    data['people.groups'].map((g: { kind: string; name: string }) => `${g.kind}:${g.name}`).sort(),
    ['department:Privacy Dept', 'team:Privacy Team'],
  );
  assert.equal(data['people.consent'].consents.length, 1);
  assert.ok(data['people.consent'].statusChanges.length >= 1);
  assert.ok(data['auth.sessions'].length >= 2);
  assert.ok(data['auth.links'].some((l: { purpose: string }) => l.purpose === 'invite'));
  assert.equal(data['auth.api_tokens'].length, 1);
  assert.ok(data['audit.log'].some((a: { action: string; subjectId: string }) => a.action.startsWith('person.') && a.subjectId === person.id));
  assert.deepEqual(data['mail.outbox'].map((m: { kind: string }) => m.kind).sort(), ['invite', 'sign_in']);
  assert.doesNotMatch(response.body, new RegExp(other.id), 'nothing about anyone else');
  assert.doesNotMatch(response.body, /Someone Else/);

  const missing = await t.app.inject({ method: 'GET', url: '/api/v1/people/01900000-0000-7000-8000-00000000dead/export', headers: admin });
  assert.equal(missing.statusCode, 404);
});

test('erasure leaves no trace of the name or e-mail anywhere, keeps the row, and ends the sessions', async () => {
  const name = 'Zebedeus Quillfeather';
  const email = 'zebedeus.quill@example.com';
  const person = await personEverywhere(name, email);
  assert.ok((await tracesOf('Quillfeather')).length >= 3, 'before erasure the name is in several places');

  const response = await t.app.inject({ method: 'POST', url: `/api/v1/people/${person.id}/erase`, headers: admin });
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.json().id, person.id);
  assert.notEqual(response.json().email, email);

  assert.deepEqual(await tracesOf('Quillfeather'), [], 'the name is gone from every column');
  assert.deepEqual(await tracesOf('zebedeus'), [], 'the e-mail address is gone from every column');
  const [row] = await t.ctx.database.query<{ id: string; erased_at: Date | null; active: boolean }>('select id, erased_at, active from people where id = $1', [person.id]);
  assert.ok(row, 'the person row stays, so shared links keep pointing at it');
  assert.ok(row.erased_at);
  assert.equal(row.active, false);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: person.session })).statusCode, 401, 'signed out everywhere');
  const sessions = await t.ctx.database.query<{ n: number | string }>('select count(*) as n from sessions where person_id = $1', [person.id]);
  assert.equal(Number(sessions[0]?.n), 0);
  const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { email, password: 'a long enough password' } });
  assert.equal(signIn.statusCode, 401, 'the old address and password no longer sign in');
  const edit = await t.app.inject({ method: 'PATCH', url: `/api/v1/people/${person.id}`, headers: admin, payload: { name: 'Back Again' } });
  assert.notEqual(edit.statusCode, 200, 'an erased person cannot be edited back into existence');
});

test('retention deletes outbox mail older than 90 days and keeps newer mail', async () => {
  const old = await buildPerson(t, { email: 'retention.old@example.com' });
  await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: old.email } });
  assert.ok(await lastMailTo(t, old.email));
  t.clock.advance(60 * DAY);
  const recent = await buildPerson(t, { email: 'retention.recent@example.com' });
  await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: recent.email } });
  t.clock.advance(30 * DAY + 60_000);

  const purged = await runRetention(t.ctx);
  assert.ok((purged['mail.outbox'] ?? 0) >= 1);
  assert.equal(await lastMailTo(t, old.email), undefined, 'the 90-day-old mail is gone');
  assert.ok(await lastMailTo(t, recent.email), 'the 30-day-old mail is kept');

  // An admin's shorter period in settings wins over the default.
  await t.ctx.database.query(
    `insert into settings (key, value, updated_at) values ('privacy.retentionDays', '{"mail.outbox": 20}'::jsonb, now())
     on conflict (key) do update set value = excluded.value`,
  );
  const register = await t.app.inject({ method: 'GET', url: '/api/v1/privacy/register', headers: admin });
  assert.equal(register.json().items.find((i: { key: string }) => i.key === 'mail.outbox').retentionDays, 20);
  await runRetention(t.ctx);
  assert.equal(await lastMailTo(t, recent.email), undefined);
});
