import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, tokenHeaders } from '../../test/support/factories.ts';

let t: TestApp;
let editor: Record<string, string>;
let ambassador: Record<string, string>;

before(async () => {
  t = await createTestApp();
  editor = await tokenHeaders(t, 'editor', (await buildPerson(t, { roles: ['editor'] })).id);
  ambassador = await tokenHeaders(t, 'ambassador', (await buildPerson(t)).id);
});
after(() => t.close());

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string>, payload?: unknown) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

test('a campaign: slug from the name (unique), theme, period, stories and target groups; active today', async () => {
  const theme = (await call('POST', '/themes', editor, { key: 'techniek', nameNl: 'Techniek', nameEn: 'Engineering' })).json();
  const group = (await call('POST', '/groups', await tokenHeaders(t, 'admin'), { kind: 'location', name: 'Utrecht' })).json();
  const draft = (await call('POST', '/stories', editor, { title: 'Concept', language: 'nl', format: 'news' })).json();
  const live = (await call('POST', '/stories', editor, { title: 'Live', language: 'nl', format: 'news' })).json();
  for (const to of ['in_review', 'approved', 'published']) await call('POST', `/stories/${live.id}/transitions`, editor, { to });

  const created = await call('POST', '/campaigns', editor, {
    name: 'Wij zoeken élektrotechnici!',
    goal: 'recruitment',
    themeId: theme.id,
    description: 'Werving',
    startsOn: '2026-11-01',
    endsOn: '2026-12-31',
    storyIds: [draft.id, live.id],
    targetGroupIds: [group.id],
  });
  assert.equal(created.statusCode, 201, created.body);
  const c = created.json();
  assert.equal(c.slug, 'wij-zoeken-elektrotechnici');
  assert.equal(c.active, true);
  assert.deepEqual(c.theme, { id: theme.id, key: 'techniek', name: 'Engineering' });
  assert.equal(c.stories.length, 2);
  assert.deepEqual(c.targetGroups, [{ id: group.id, kind: 'location', name: 'Utrecht' }]);

  const second = (await call('POST', '/campaigns', editor, { name: 'Wij zoeken elektrotechnici', goal: 'recruitment', startsOn: '2027-01-01', endsOn: '2027-01-31' })).json();
  assert.equal(second.slug, 'wij-zoeken-elektrotechnici-2');
  assert.equal(second.active, false);
  const taken = await call('POST', '/campaigns', editor, { name: 'X', slug: 'wij-zoeken-elektrotechnici', goal: 'launch', startsOn: '2027-01-01', endsOn: '2027-01-31' });
  assert.equal(taken.statusCode, 409);

  const active = (await call('GET', '/campaigns?active=true', editor)).json().items.map((x: { id: string }) => x.id);
  assert.deepEqual(active, [c.id]);
  const inactive = (await call('GET', '/campaigns?active=false', editor)).json().items.map((x: { id: string }) => x.id);
  assert.deepEqual(inactive, [second.id]);
  const all = (await call('GET', '/campaigns', editor)).json().items.map((x: { id: string }) => x.id);
  assert.deepEqual(all, [c.id, second.id], 'running campaigns first');

  const seenByAmbassador = (await call('GET', `/campaigns/${c.id}`, ambassador)).json();
  assert.deepEqual(seenByAmbassador.stories.map((s: { id: string }) => s.id), [live.id], 'an ambassador sees only what is published');
  assert.equal((await call('POST', '/campaigns', ambassador, { name: 'Nope', goal: 'other', startsOn: '2027-01-01', endsOn: '2027-01-31' })).statusCode, 403);
  assert.ok((await call('GET', `/stories/${live.id}`, editor)).json().campaigns.some((x: { id: string }) => x.id === c.id));
  const filtered = (await call('GET', `/stories?campaignId=${c.id}`, editor)).json().items.map((s: { id: string }) => s.id).sort();
  assert.deepEqual(filtered, [draft.id, live.id].sort());
});

test('editing a campaign: period checked, stories replaced, unknown references refused', async () => {
  const c = (await call('POST', '/campaigns', editor, { name: 'Lancering', goal: 'launch', startsOn: '2026-11-01', endsOn: '2026-11-30' })).json();
  const backwards = await call('PATCH', `/campaigns/${c.id}`, editor, { endsOn: '2026-10-01' });
  assert.equal(backwards.statusCode, 400);
  assert.equal(backwards.json().error.code, 'period_invalid');
  const unknown = await call('PATCH', `/campaigns/${c.id}`, editor, { storyIds: ['01900000-0000-7000-8000-000000000000'] });
  assert.equal(unknown.statusCode, 400);
  assert.equal(unknown.json().error.code, 'unknown_story');
  const renamed = await call('PATCH', `/campaigns/${c.id}`, editor, { name: 'Lancering 2.0', goal: 'employer_branding', storyIds: [] });
  assert.equal(renamed.json().name, 'Lancering 2.0');
  assert.equal(renamed.json().slug, 'lancering', 'the slug (utm_campaign) stays unless changed on purpose');
  assert.equal((await call('GET', '/campaigns/01900000-0000-7000-8000-000000000000', editor)).statusCode, 404);
  const audit = await t.ctx.database.query<{ action: string }>(`select action from audit_log where subject_id = $1 order by at, id`, [c.id]);
  assert.deepEqual(audit.map((a) => a.action), ['campaign.created', 'campaign.updated']);
});
