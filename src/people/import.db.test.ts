import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { testEngine } from '../../test/support/database.ts';
import { buildPerson, lastMailTo, linkIn, tokenHeaders } from '../../test/support/factories.ts';

let t: TestApp;
let admin: Record<string, string>;
before(async () => {
  t = await createTestApp();
  admin = await tokenHeaders(t, 'admin');
});
after(() => t.close());

const csv = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`);

function postCsv(body: Buffer, query = '', headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: `/api/v1/people/imports${query}`, headers: { ...admin, 'content-type': 'text/csv', ...headers }, payload: body });
}

interface ImportRecord {
  id: string;
  status: string;
  phase: string;
  processed: number;
  total: number;
  created: number;
  updated: number;
  invited: number;
  errors: { line: number; reason: string }[];
  message: string | null;
}

/** Polls the import as the admin screen does, until it is no longer running. */
async function finished(id: string): Promise<ImportRecord> {
  for (let i = 0; i < 2000; i++) {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/people/imports/${id}`, headers: admin });
    assert.equal(response.statusCode, 200);
    const record = response.json() as ImportRecord;
    if (record.status !== 'running') return record;
    await sleep(10);
  }
  throw new Error(`import ${id} still running`);
}

/** Imports a file and waits for the result. */
async function importFile(body: Buffer, query = '?skipInvalid=true'): Promise<ImportRecord> {
  const response = await postCsv(body, query);
  assert.equal(response.statusCode, 202, response.body);
  return finished(response.json().id);
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await t.ctx.database.query<{ n: number | string }>(sql, params);
  return Number(row?.n);
}

const peopleCount = () => count('select count(*) as n from people');
const stagingCount = () => count('select count(*) as n from people_import_rows');

async function groupsOf(email: string): Promise<string[]> {
  const rows = await t.ctx.database.query<{ kind: string; name: string }>(
    `select g.kind, g.name from group_memberships gm join groups g on g.id = gm.group_id join people p on p.id = gm.person_id
     where lower(p.email) = lower($1) order by g.kind, g.name`,
    [email],
  );
  return rows.map((r) => `${r.kind}:${r.name}`);
}

test('a dry run reports every bad row with its line and reason, and writes nothing', async () => {
  const before = await peopleCount();
  const response = await postCsv(
    csv([
      'email,name,language,start date',
      'dry.ok@example.com,Dry Ok,en,2024-01-15',
      'not-an-address,Bad Mail,en,',
      'dry.nameless@example.com,,en,',
      'dry.date@example.com,Bad Date,en,31-02-2024',
      'dry.ok@example.com,Twice,en,',
    ]),
    '?dryRun=true',
  );
  assert.equal(response.statusCode, 200, response.body);
  const report = response.json();
  assert.equal(report.status, 'validated');
  assert.equal(report.total, 5);
  assert.equal(report.valid, 1);
  assert.equal(report.invalid, 4);
  assert.deepEqual(
    report.errors.map((e: { line: number }) => e.line),
    [3, 4, 5, 6],
  );
  for (const error of report.errors) assert.ok(error.reason.length > 5, `a reason a person can act on: ${error.reason}`);
  assert.match(report.errors[0].reason, /not-an-address/);
  assert.equal(await peopleCount(), before);
  assert.equal(await count('select count(*) as n from people_imports'), 0, 'a dry run leaves no import record');
});

test('a dry run answers in the language of the request', async () => {
  const response = await postCsv(csv(['e-mailadres;naam', 'kapot;Kees']), '?dryRun=true', { 'accept-language': 'nl' });
  assert.equal(response.statusCode, 200);
  const english = await postCsv(csv(['e-mailadres;naam', 'kapot;Kees']), '?dryRun=true', { 'accept-language': 'en' });
  assert.notEqual(response.json().errors[0].reason, english.json().errors[0].reason);
});

test('a file with bad rows is refused whole (422) unless skipInvalid, and nothing changes', async () => {
  const before = await peopleCount();
  const body = csv(['email,name,department', 'reject.good@example.com,Good Row,Refused Dept', 'broken,Bad Row,Refused Dept']);
  const response = await postCsv(body);
  assert.equal(response.statusCode, 422);
  assert.equal(response.json().error.code, 'import_invalid_rows');
  assert.match(response.json().error.message, /1/);
  assert.equal(await peopleCount(), before, 'not even the good row was imported');
  assert.equal(await count(`select count(*) as n from groups where name = 'Refused Dept'`), 0);
  assert.equal(await count('select count(*) as n from people_imports'), 0);
});

test('a file that is not a people CSV is a 400 naming the problem, and a non-CSV body a 415', async () => {
  const missing = await postCsv(csv(['email,department', 'a@example.com,Sales']));
  assert.equal(missing.statusCode, 400);
  assert.equal(missing.json().error.code, 'csv_missing_column');
  const empty = await postCsv(Buffer.from('\r\n'));
  assert.equal(empty.json().error.code, 'csv_empty_file');
  const json = await t.app.inject({ method: 'POST', url: '/api/v1/people/imports', headers: admin, payload: { email: 'a@example.com' } });
  assert.equal(json.statusCode, 415);
});

test('only admins may import', async () => {
  const editor = await tokenHeaders(t, 'editor');
  const response = await postCsv(csv(['email,name', 'nope@example.com,Nope']), '', editor);
  assert.equal(response.statusCode, 403);
  assert.equal(await count(`select count(*) as n from people where email = 'nope@example.com'`), 0);
});

test('skipInvalid imports the good rows: people created and updated by e-mail, groups made, only new people invited', async () => {
  const existing = await buildPerson(t, { email: 'Existing.Person@Example.com', name: 'Old Name', roles: ['editor', 'admin'], language: 'nl' });
  t.jobs.sent.length = 0;
  const before = await peopleCount();
  const response = await postCsv(
    csv([
      'email,name,language,department,location,teams,roles',
      'existing.person@example.com,New Name,,Sales,Utrecht,Alpha | Beta,editor',
      'new.one@example.com,New One,nl,Sales,Amsterdam,Alpha,',
      'invalid,Bad Row,,,,,',
      'NEW.TWO@example.com,New Two,en,Support,,Gamma,recruiter',
    ]),
    '?skipInvalid=true',
  );
  assert.equal(response.statusCode, 202, response.body);
  const started = response.json();
  assert.equal(started.status, 'running');
  assert.equal(started.valid, 3);
  assert.deepEqual(
    started.errors.map((e: { line: number }) => e.line),
    [4],
  );
  const record = await finished(started.id);
  assert.equal(record.status, 'completed', record.message ?? '');
  assert.equal(record.phase, 'done');
  assert.equal(record.created, 2);
  assert.equal(record.updated, 1);
  assert.equal(record.invited, 2);
  assert.equal(record.errors.length, 1, 'the skipped row is kept in the report');
  assert.equal(await peopleCount(), before + 2, 'the existing person is updated, not duplicated');

  const [updated] = await t.ctx.database.query<{ name: string; roles: string[]; language: string }>('select name, roles, language from people where id = $1', [existing.id]);
  assert.equal(updated?.name, 'New Name');
  assert.equal(updated?.language, 'nl', 'an empty language cell keeps the current language');
  assert.deepEqual([...(updated?.roles ?? [])].sort(), ['admin', 'editor'], 'an import never takes the admin role away');
  assert.deepEqual(await groupsOf(existing.email), ['department:Sales', 'location:Utrecht', 'team:Alpha', 'team:Beta']);
  assert.deepEqual(await groupsOf('new.one@example.com'), ['department:Sales', 'location:Amsterdam', 'team:Alpha']);
  assert.deepEqual(await groupsOf('new.two@example.com'), ['department:Support', 'team:Gamma']);
  const [two] = await t.ctx.database.query<{ roles: string[]; ambassador_status: string; email: string }>(
    `select roles, ambassador_status, email from people where lower(email) = 'new.two@example.com'`,
  );
  assert.deepEqual(two?.roles, ['recruiter']);
  assert.equal(two?.ambassador_status, 'invited');
  assert.equal(await count(`select count(*) as n from groups where kind = 'department' and name = 'Sales'`), 1, 'one Sales group for both people');
  assert.equal(await count(`select count(*) as n from person_status_changes psc join people p on p.id = psc.person_id where lower(p.email) in ('new.one@example.com', 'new.two@example.com') and psc.to_status = 'invited'`), 2);
  assert.equal(await count(`select count(*) as n from audit_log where action = 'people.imported' and subject_id = $1`, [started.id]), 1);

  const invited = t.jobs.sent.filter((j) => j.name === 'people.invite').map((j) => (j.data as { personId: string }).personId);
  const createdIds = (await t.ctx.database.query<{ id: string }>(`select id from people where lower(email) in ('new.one@example.com', 'new.two@example.com')`)).map((r) => r.id);
  assert.deepEqual(invited.sort(), createdIds.sort(), 'invitation jobs for the created people only');
  assert.equal(await lastMailTo(t, 'new.one@example.com'), undefined, 'no mail before the jobs run');
  await t.jobs.drain();
  const mail = await lastMailTo(t, 'new.one@example.com');
  assert.ok(mail, 'the invitation is in the outbox');
  assert.match(mail.subject, /nodigt je uit/, 'in the language from the file');
  assert.equal(linkIn(mail.text).pathname, '/auth/magic');
  assert.ok(await lastMailTo(t, 'new.two@example.com'));
  assert.equal(await lastMailTo(t, existing.email), undefined, 'the existing person is not invited again');
  assert.equal(await stagingCount(), 0, 'staging rows are gone after the import');
});

test('invite=false imports without sending invitations', async () => {
  t.jobs.sent.length = 0;
  const record = await importFile(csv(['email,name', 'quiet.one@example.com,Quiet One']), '?invite=false');
  assert.equal(record.created, 1);
  assert.equal(record.invited, 0);
  assert.deepEqual(t.jobs.sent, []);
});

test('a Windows-1252 semicolon file from Dutch Excel keeps accented names and Dutch headers', async () => {
  const body = Buffer.concat([
    Buffer.from('E-mailadres;Naam;Afdeling;Startdatum\r\nrene@example.nl;Ren'),
    Buffer.from([0xe9]),
    Buffer.from(' Zo'),
    Buffer.from([0xeb]),
    Buffer.from('t;Financi'),
    Buffer.from([0xeb]),
    Buffer.from('n;01-03-2024\r\n'),
  ]);
  const dry = await postCsv(body, '?dryRun=true');
  assert.equal(dry.json().encoding, 'windows-1252');
  assert.equal(dry.json().delimiter, ';');
  const record = await importFile(body);
  assert.equal(record.status, 'completed');
  assert.equal(record.created, 1);
  const [row] = await t.ctx.database.query<{ name: string; start_date: string | Date }>(`select name, start_date::text as start_date from people where email = 'rene@example.nl'`);
  assert.equal(row?.name, 'René Zoët');
  assert.equal(row?.start_date, '2024-03-01');
  assert.deepEqual(await groupsOf('rene@example.nl'), ['department:Financiën']);
});

test('a department in the file replaces the current one; teams are added; an existing group is reused whatever its case', async () => {
  await importFile(csv(['email,name,department,teams', 'mover@example.com,Mover,Finance,Red']));
  const record = await importFile(csv(['email,name,department,teams', 'MOVER@example.com,Mover,finance dept,RED | Blue']));
  assert.equal(record.updated, 1);
  assert.equal(record.created, 0);
  assert.deepEqual(await groupsOf('mover@example.com'), ['department:finance dept', 'team:Blue', 'team:Red']);
  assert.equal(await count(`select count(*) as n from groups where kind = 'team' and lower(name) = 'red'`), 1);
});

test('a second import while one runs is refused with 409 import_running; a stale one no longer blocks', async () => {
  // An import another node is running right now (imports run in the background, so this is how one looks).
  const [running] = await t.ctx.database.query<{ id: string }>(
    `insert into people_imports (id, status, phase, total, created_at, updated_at) values ($1, 'running', 'staging', 10, $2, $2) returning id`,
    ['01900000-0000-7000-8000-000000000001', t.clock.now()],
  );
  const refused = await postCsv(csv(['email,name', 'later@example.com,Later']));
  assert.equal(refused.statusCode, 409);
  assert.equal(refused.json().error.code, 'import_running');
  assert.equal(await count(`select count(*) as n from people where email = 'later@example.com'`), 0);

  // Half an hour without progress means its process stopped: the next upload marks it failed and runs.
  t.clock.advance(31 * 60_000);
  const record = await importFile(csv(['email,name', 'later@example.com,Later']), '?invite=false');
  assert.equal(record.status, 'completed');
  assert.equal(record.created, 1);
  const stale = await finished(running?.id ?? '');
  assert.equal(stale.status, 'failed');
  assert.equal(stale.message, 'interrupted');
  assert.equal(await stagingCount(), 0, 'staging rows are deleted after completion');
});

test(
  'uploads started at the same moment: one runs, the others are refused',
  { skip: testEngine === 'pglite' && 'the race needs a second PostgreSQL session to hold the first import back' },
  async () => {
    // Hold the staging back (another session locks its table), so the winner is surely still running while the others ask.
    const blocker = new pg.Client({ connectionString: t.db.url ?? '' });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('lock table people_import_rows in exclusive mode');
    let responses: Awaited<ReturnType<typeof postCsv>>[] = [];
    try {
      responses = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((i) => postCsv(csv(['email,name', `race.${i}@example.com,Race ${i}`]), '?invite=false')),
      );
    } finally {
      await blocker.query('rollback');
      await blocker.end();
    }
    const started = responses.filter((r) => r.statusCode === 202);
    for (const response of started) await finished(response.json().id);
    assert.equal(started.length, 1, `statuses: ${responses.map((r) => r.statusCode).join(',')}`);
    for (const refused of responses.filter((r) => r.statusCode !== 202)) assert.equal(refused.json().error.code, 'import_running');
    assert.equal(await count(`select count(*) as n from people where email like 'race.%@example.com'`), 1);
  },
);

test('an import that fails during the merge changes nothing: no people, no groups, no staging rows left', async () => {
  const before = await peopleCount();
  const groupsBefore = await count('select count(*) as n from groups');
  const rows = ['email,name,department,teams'];
  for (let i = 0; i < 1500; i++) rows.push(`halfway${i}@example.com,Halfway ${i},Halfway Dept ${i % 5},Halfway Team`);
  rows.push('halfway.last@example.com,Last Row,Halfway Dept 0,Doomed Team');
  // Fault injection: the database refuses one team membership, late in the merge, after the
  // groups and people statements already ran inside the transaction.
  await t.ctx.database.query(`
    create function podium_test_refuse() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from groups where id = new.group_id and name = 'Doomed Team') then
        raise exception 'membership refused by the test';
      end if;
      return new;
    end $$`);
  await t.ctx.database.query('create trigger podium_test_refuse before insert on group_memberships for each row execute function podium_test_refuse()');
  let record: Awaited<ReturnType<typeof importFile>>;
  try {
    record = await importFile(csv(rows), '?invite=false');
  } finally {
    await t.ctx.database.query('drop trigger podium_test_refuse on group_memberships');
    await t.ctx.database.query('drop function podium_test_refuse()');
  }
  assert.equal(record.status, 'failed');
  assert.ok(record.message, 'the failure says why');
  assert.equal(await peopleCount(), before, 'not one of the 1,500 good rows was applied');
  assert.equal(await count('select count(*) as n from groups'), groupsBefore, 'the departments made before the failure were rolled back');
  assert.equal(await stagingCount(), 0, 'staging rows of the failed import are cleaned up');
  assert.equal((await importFile(csv(['email,name', 'after.failure@example.com,After Failure']))).status, 'completed', 'a failed import does not block the next');
});

test('an import whose row belongs to an erased person does not bring the old record back to life', async () => {
  const person = await buildPerson(t, { email: 'erased.before@example.com', name: 'Erased Before' });
  const erase = await t.app.inject({ method: 'POST', url: `/api/v1/people/${person.id}/erase`, headers: admin });
  assert.equal(erase.statusCode, 200);
  const record = await importFile(csv(['email,name', 'erased.before@example.com,Erased Before']), '?invite=false');
  assert.equal(record.status, 'completed');
  const [erased] = await t.ctx.database.query<{ name: string; erased_at: Date | null }>('select name, erased_at from people where id = $1', [person.id]);
  assert.equal(erased?.name, 'Erased person', 'the erased record stays anonymous');
  assert.ok(erased?.erased_at);
});

test('a 5,000-row file imports every row', { timeout: 60_000 }, async () => {
  const before = await peopleCount();
  const rows = ['email;name;department;location;teams;start date'];
  for (let i = 0; i < 5000; i++) rows.push(`bulk${i}@example.com;Bulk Person ${i};Dept ${i % 7};Site ${i % 3};Team ${i % 11},Team ${(i + 1) % 11};2020-01-${String((i % 28) + 1).padStart(2, '0')}`);
  t.jobs.sent.length = 0;
  const record = await importFile(csv(rows));
  assert.equal(record.status, 'completed', record.message ?? '');
  assert.equal(record.total, 5000);
  assert.equal(record.processed, 5000);
  assert.equal(record.created, 5000);
  assert.equal(await peopleCount(), before + 5000);
  assert.equal(t.jobs.sent.filter((j) => j.name === 'people.invite').length, 5000);
  assert.equal(await count(`select count(*) as n from group_memberships gm join people p on p.id = gm.person_id where p.email like 'bulk%@example.com'`), 5000 * 4);
  assert.deepEqual(await groupsOf('bulk4999@example.com'), ['department:Dept 1', 'location:Site 1', 'team:Team 5', 'team:Team 6']);
  t.jobs.sent.length = 0;
});
