import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';

let t: TestApp;
let headers: Record<string, string>;
before(async () => {
  t = await createTestApp();
  headers = await sessionHeaders(t, await buildPerson(t, { roles: ['admin'], name: 'Gina Groups' }));
});
after(() => t?.close());

type Kind = 'department' | 'location' | 'team';
const create = (kind: Kind, name: string) => t.app.inject({ method: 'POST', url: '/api/v1/groups', headers, payload: { kind, name } });
const rename = (id: string, name: string) => t.app.inject({ method: 'PATCH', url: `/api/v1/groups/${id}`, headers, payload: { name } });
const remove = (id: string) => t.app.inject({ method: 'DELETE', url: `/api/v1/groups/${id}`, headers });
async function list(query = ''): Promise<{ id: string; kind: Kind; name: string; memberCount: number }[]> {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/groups${query}`, headers });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().items;
}

test('create, rename and delete a group; its members stay', async () => {
  const created = await create('department', '  Finance ');
  assert.equal(created.statusCode, 201, created.body);
  const { id, ...rest } = created.json() as { id: string; kind: Kind; name: string; memberCount: number };
  assert.deepEqual(rest, { kind: 'department', name: 'Finance', memberCount: 0 });

  const member = await buildPerson(t, { name: 'Mira Member' });
  await t.app.inject({ method: 'PATCH', url: `/api/v1/people/${member.id}`, headers, payload: { departmentId: id } });

  const renamed = await rename(id, 'Finance & Control');
  assert.equal(renamed.statusCode, 200);
  assert.equal(renamed.json().name, 'Finance & Control');
  assert.equal(renamed.json().memberCount, 1);
  const person = await t.app.inject({ method: 'GET', url: `/api/v1/people/${member.id}`, headers });
  assert.equal(person.json().department.name, 'Finance & Control', 'members see the new name');

  const deleted = await remove(id);
  assert.equal(deleted.statusCode, 204);
  assert.equal((await list()).some((g) => g.id === id), false);
  const still = await t.app.inject({ method: 'GET', url: `/api/v1/people/${member.id}`, headers });
  assert.equal(still.statusCode, 200, 'the member stays');
  assert.equal(still.json().department, null);

  assert.equal((await remove(id)).statusCode, 404);
  const gone = await rename(id, 'Ghost');
  assert.equal(gone.statusCode, 404);
  assert.equal(gone.json().error.code, 'group_not_found');
});

test('names are unique per kind, ignoring case; the same name may exist in another kind', async () => {
  assert.equal((await create('team', 'Rockets')).statusCode, 201);
  const duplicate = await create('team', 'ROCKETS');
  assert.equal(duplicate.statusCode, 409);
  assert.equal(duplicate.json().error.code, 'group_taken');
  assert.match(duplicate.json().error.message, /ROCKETS/);
  assert.equal((await create('location', 'Rockets')).statusCode, 201, 'a location may share a team’s name');

  const other = await create('team', 'Comets');
  const clash = await rename(other.json().id, 'rockets');
  assert.equal(clash.statusCode, 409);
  assert.equal(clash.json().error.code, 'group_taken');
  assert.match(clash.json().error.message, /team/, 'the message names the kind that clashes');
  assert.equal((await list('?kind=team')).find((g) => g.id === other.json().id)?.name, 'Comets', 'the failed rename changed nothing');
  const recase = await rename(other.json().id, 'COMETS');
  assert.equal(recase.statusCode, 200, 'a group may change the case of its own name');
});

test('member counts follow memberships, and the list filters by kind and text', async () => {
  const team = (await create('team', 'Counted Team')).json().id;
  const empty = (await create('team', 'Counted Empty')).json().id;
  for (const name of ['Cora', 'Cas', 'Cees']) {
    const person = await buildPerson(t, { name });
    await t.app.inject({ method: 'PATCH', url: `/api/v1/people/${person.id}`, headers, payload: { teamIds: [team] } });
  }
  const counted = await list('?q=counted');
  assert.deepEqual(
    counted.map((g) => [g.name, g.memberCount]),
    [
      ['Counted Empty', 0],
      ['Counted Team', 3],
    ],
  );
  assert.ok((await list('?kind=location')).every((g) => g.kind === 'location'));
  assert.deepEqual(await list('?q=%25'), [], 'a % in q is literal');
  const viaEditor = await t.app.inject({ method: 'GET', url: '/api/v1/groups?q=counted', headers: await tokenHeaders(t, 'editor') });
  assert.equal(viaEditor.json().items.length, 2, 'editors see groups too');
  assert.ok(empty);
});

test('group changes are audited', async () => {
  const id = (await create('location', 'Audit Town')).json().id;
  await rename(id, 'Audit City');
  await remove(id);
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/audit-log?limit=200', headers });
  const mine = response.json().items.filter((e: { subjectId: string }) => e.subjectId === id);
  assert.deepEqual(mine.map((e: { action: string }) => e.action).sort(), ['group.created', 'group.deleted', 'group.renamed']);
  const renamed = mine.find((e: { action: string }) => e.action === 'group.renamed');
  assert.deepEqual([renamed.before, renamed.after], [{ name: 'Audit Town' }, { name: 'Audit City' }]);
});

test('bad group input is 400, never 500', async () => {
  for (const body of [{ kind: 'division', name: 'X' }, { kind: 'team', name: '' }, { kind: 'team', name: '   ' }, { kind: 'team', name: 'x'.repeat(121) }, { kind: 'team', name: 'Nul\u0000' }, { kind: 'team' }]) {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/groups', headers, payload: body });
    assert.equal(response.statusCode, 400, JSON.stringify(body));
    assert.equal(response.json().error.code, 'validation_failed');
  }
  for (const url of ['/api/v1/groups?q=a%00', '/api/v1/groups?kind=division']) {
    const response = await t.app.inject({ method: 'GET', url, headers });
    assert.equal(response.statusCode, 400, url);
  }
  const badId = await t.app.inject({ method: 'DELETE', url: '/api/v1/groups/not-a-uuid', headers });
  assert.equal(badId.statusCode, 400);
});
