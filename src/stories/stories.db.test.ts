import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, tokenHeaders } from '../../test/support/factories.ts';

let t: TestApp;
let editor: Record<string, string>;
let editorId: string;
let admin: Record<string, string>;
let ambassador: Record<string, string>;
let ambassadorId: string;
let recruiter: Record<string, string>;

before(async () => {
  t = await createTestApp();
  const editorPerson = await buildPerson(t, { roles: ['editor', 'ambassador'], name: 'Eddie Editor' });
  editorId = editorPerson.id;
  editor = await tokenHeaders(t, 'editor', editorId);
  admin = await tokenHeaders(t, 'admin');
  const amb = await buildPerson(t, { name: 'Anna Ambassador', language: 'nl' });
  ambassadorId = amb.id;
  ambassador = await tokenHeaders(t, 'ambassador', amb.id);
  recruiter = await tokenHeaders(t, 'recruiter', (await buildPerson(t, { roles: ['recruiter', 'ambassador'] })).id);
});
after(() => t.close());

async function call(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

async function story(headers: Record<string, string>, body: Record<string, unknown>) {
  const response = await call('POST', '/stories', headers, { language: 'nl', format: 'interview', ...body });
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

test('an editor creates a story: slug from the title with diacritics folded, -2 and -3 on clashes', async () => {
  const first = await story(editor, { title: 'Één dag bij de brandweer', summary: 'Kort', bodyMarkdown: 'Hallo <script>x</script> [a](javascript:alert(1))' });
  assert.equal(first.slug, 'een-dag-bij-de-brandweer');
  assert.equal(first.status, 'draft');
  assert.equal(first.url, 'http://podium.test/stories/een-dag-bij-de-brandweer');
  assert.deepEqual(first.author, { id: editorId, name: 'Eddie Editor' });
  assert.equal(first.submittedBy, null);
  assert.doesNotMatch(first.bodyHtml, /<script|javascript:/);
  assert.deepEqual(first.missingAudiences, ['candidates', 'colleagues', 'press', 'public_affairs', 'partners']);
  assert.deepEqual(first.allowedTransitions, ['idea', 'in_review', 'archived']);
  assert.equal(first.events.length, 1);
  assert.equal((await story(editor, { title: 'Een dag bij de Brandweer!' })).slug, 'een-dag-bij-de-brandweer-2');
  assert.equal((await story(editor, { title: 'één dag bij de brandweer' })).slug, 'een-dag-bij-de-brandweer-3');

  const chosen = await call('POST', '/stories', editor, { title: 'X', language: 'en', format: 'news', slug: 'een-dag-bij-de-brandweer' });
  assert.equal(chosen.statusCode, 409);
  assert.equal(chosen.json().error.code, 'slug_taken');
  const bad = await call('POST', '/stories', editor, { title: 'X', language: 'en', format: 'news', slug: 'Not A Slug' });
  assert.equal(bad.statusCode, 400);
  const unsafe = await call('POST', '/stories', editor, { title: 'X', language: 'en', format: 'external_article', externalUrl: 'javascript:alert(1)' });
  assert.equal(unsafe.statusCode, 400, 'only http(s) external URLs');
});

test('an external article’s canonical URL is its external URL', async () => {
  const s = await story(editor, { title: 'On our website', language: 'en', format: 'external_article', externalUrl: 'https://www.example.com/news/1' });
  assert.equal(s.url, 'https://www.example.com/news/1');
  assert.equal(s.externalUrl, 'https://www.example.com/news/1');
});

test('an ambassador’s submission lands in review; an idea stays an idea; both are theirs to see and edit', async () => {
  const submitted = await story(ambassador, { title: 'Mijn eerste project' });
  assert.equal(submitted.status, 'in_review');
  assert.deepEqual(submitted.submittedBy, { id: ambassadorId, name: 'Anna Ambassador' });
  const idea = await story(ambassador, { title: 'Een idee', status: 'idea' });
  assert.equal(idea.status, 'idea');
  const edit = await call('PATCH', `/stories/${submitted.id}`, ambassador, { summary: 'Beter' });
  assert.equal(edit.statusCode, 200, edit.body);
  assert.equal(edit.json().summary, 'Beter');

  const other = await tokenHeaders(t, 'ambassador', (await buildPerson(t)).id);
  assert.equal((await call('GET', `/stories/${submitted.id}`, other)).statusCode, 404, 'someone else’s submission is invisible');
  assert.equal((await call('PATCH', `/stories/${submitted.id}`, other, { summary: 'x' })).statusCode, 404);
  assert.equal((await call('GET', `/stories/${submitted.id}`, recruiter)).statusCode, 200, 'recruiters read every story');
  assert.equal((await call('PATCH', `/stories/${submitted.id}`, recruiter, { summary: 'x' })).statusCode, 403, 'but edit only their own');

  const mine = (await call('GET', '/stories', ambassador)).json().items.map((s: { id: string }) => s.id);
  assert.ok(mine.includes(submitted.id) && mine.includes(idea.id));
  const theirs = (await call('GET', '/stories', other)).json().items.map((s: { id: string }) => s.id);
  assert.ok(!theirs.includes(submitted.id));
});

test('translations share a group; one story per language per group', async () => {
  const nl = await story(editor, { title: 'Werken aan de dijk', language: 'nl' });
  const en = await story(editor, { title: 'Working on the dike', language: 'en', translationOf: nl.id });
  assert.equal(en.translationGroupId, nl.translationGroupId);
  assert.deepEqual(
    en.translations.map((x: { id: string; language: string }) => [x.id, x.language]),
    [[nl.id, 'nl']],
  );
  const again = await call('POST', '/stories', editor, { title: 'Dike again', language: 'en', format: 'news', translationOf: nl.id });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().error.code, 'translation_exists');
  const same = await call('POST', '/stories', editor, { title: 'Dijk 2', language: 'nl', format: 'news', translationOf: nl.id });
  assert.equal(same.statusCode, 400);
  const detached = await call('PATCH', `/stories/${en.id}`, editor, { translationOf: null });
  assert.equal(detached.json().translations.length, 0);
});

test('themes, target groups, featured colleagues and unknown references', async () => {
  const theme = await call('POST', '/themes', editor, { key: 'techniek', nameNl: 'Techniek', nameEn: 'Engineering' });
  assert.equal(theme.statusCode, 201, theme.body);
  assert.equal((await call('POST', '/themes', editor, { key: 'techniek', nameNl: 'T', nameEn: 'T' })).json().error.code, 'key_taken');
  const featured = await buildPerson(t, { name: 'Fenna Featured' });
  const group = await call('POST', '/groups', admin, { kind: 'department', name: 'Engineering' });
  const s = await story(editor, { title: 'Met thema', themeIds: [theme.json().id], targetGroupIds: [group.json().id], featured: [{ personId: featured.id, quote: 'Ik bouw bruggen.' }] });
  assert.deepEqual(s.themes, [{ id: theme.json().id, key: 'techniek', name: 'Engineering' }]);
  assert.deepEqual(s.targetGroups, [{ id: group.json().id, kind: 'department', name: 'Engineering' }]);
  assert.equal(s.featured[0].name, 'Fenna Featured');
  assert.equal(s.featured[0].approval, 'not_requested');
  const dutch = await t.app.inject({ method: 'GET', url: `/api/v1/stories/${s.id}`, headers: { ...editor } });
  assert.equal(dutch.json().themes[0].name, 'Engineering', 'the token acts for an English-speaking person');
  const nlReader = await call('GET', `/stories/${s.id}`, await tokenHeaders(t, 'editor', (await buildPerson(t, { roles: ['editor'], language: 'nl' })).id));
  assert.equal(nlReader.json().themes[0].name, 'Techniek');

  for (const [body, code] of [
    [{ themeIds: ['01900000-0000-7000-8000-000000000000'] }, 'unknown_theme'],
    [{ targetGroupIds: ['01900000-0000-7000-8000-000000000000'] }, 'unknown_group'],
    [{ featured: [{ personId: '01900000-0000-7000-8000-000000000000' }] }, 'unknown_person'],
    [{ heroImageId: '01900000-0000-7000-8000-000000000000' }, 'unknown_image'],
  ] as const) {
    const response = await call('POST', '/stories', editor, { title: 'Ref', language: 'nl', format: 'news', ...body });
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(response.json().error.code, code);
  }
  const twice = await call('POST', '/stories', editor, { title: 'Twice', language: 'nl', format: 'news', featured: [{ personId: featured.id }, { personId: featured.id }] });
  assert.equal(twice.statusCode, 400);
  const window = await call('POST', '/stories', editor, { title: 'W', language: 'nl', format: 'news', publishAt: '2026-12-01T00:00:00Z', expireAt: '2026-11-01T00:00:00Z' });
  assert.equal(window.json().error.code, 'period_invalid');
});

test('variants: saved per audience with several suggestions per network, limits enforced, missing audiences listed', async () => {
  const s = await story(editor, { title: 'Variant story' });
  const put = await call('PUT', `/stories/${s.id}/variants/candidates`, editor, {
    headline: 'Kom werken bij ons',
    teaser: 'Een kijkje in de keuken',
    suggestions: [
      { network: 'linkedin', text: 'Trots op mijn team!' },
      { network: 'linkedin', text: 'Zo ziet mijn werkdag eruit.' },
      { network: 'x', text: 'a'.repeat(256) },
    ],
  });
  assert.equal(put.statusCode, 200, put.body);
  assert.equal(put.json().audience.key, 'candidates');
  assert.deepEqual(
    put.json().suggestions.map((x: { network: string }) => x.network),
    ['linkedin', 'linkedin', 'x'],
  );
  const read = (await call('GET', `/stories/${s.id}`, editor)).json();
  assert.equal(read.variants.length, 1);
  assert.ok(!read.missingAudiences.includes('candidates'));
  assert.ok(read.missingAudiences.includes('press'));

  const tooLongX = await call('PUT', `/stories/${s.id}/variants/press`, editor, { headline: 'H', suggestions: [{ network: 'x', text: 'a'.repeat(257) }] });
  assert.equal(tooLongX.statusCode, 400);
  assert.equal(tooLongX.json().error.code, 'suggestion_too_long');
  assert.match(tooLongX.json().error.message, /x.*281.*23.*280/);
  const tooLongLinkedIn = await call('PUT', `/stories/${s.id}/variants/press`, editor, {
    headline: 'H',
    suggestions: [
      { network: 'linkedin', text: 'ok' },
      { network: 'linkedin', text: 'b'.repeat(3001) },
    ],
  });
  assert.equal(tooLongLinkedIn.statusCode, 400);
  assert.match(tooLongLinkedIn.json().error.message, /Suggestion 2 for linkedin has 3001 characters; linkedin allows at most 3000/);
  const nl = await call('PUT', `/stories/${s.id}/variants/press`, { ...editor, 'accept-language': 'nl' }, { headline: 'H', suggestions: [{ network: 'email', text: 'c'.repeat(10_001) }] });
  // E-mail carries the link in the text, so the 10,001 characters plus a space and the link are counted.
  assert.match(nl.json().error.message, /email.*10042.*10000/);

  const replaced = await call('PUT', `/stories/${s.id}/variants/candidates`, editor, { headline: 'Nieuw', suggestions: [] });
  assert.equal(replaced.json().suggestions.length, 0);
  assert.equal((await call('PUT', `/stories/${s.id}/variants/nobody`, editor, { headline: 'H' })).statusCode, 404);
  assert.equal((await call('DELETE', `/stories/${s.id}/variants/candidates`, editor)).statusCode, 204);
  assert.equal((await call('DELETE', `/stories/${s.id}/variants/candidates`, editor)).statusCode, 404);
  assert.ok((await call('GET', `/stories/${s.id}`, editor)).json().missingAudiences.includes('candidates'));
  assert.equal((await call('PUT', `/stories/${s.id}/variants/candidates`, ambassador, { headline: 'H' })).statusCode, 404, 'an ambassador cannot see a draft');
});

test('a new audience is missing from every story until it gets a variant; an inactive one is not', async () => {
  const s = await story(editor, { title: 'Audience story' });
  const created = await call('POST', '/audiences', admin, { key: 'students', nameNl: 'Studenten', nameEn: 'Students' });
  assert.equal(created.statusCode, 201);
  assert.ok((await call('GET', `/stories/${s.id}`, editor)).json().missingAudiences.includes('students'));
  await call('PATCH', `/audiences/${created.json().id}`, admin, { active: false, nameEn: 'University students' });
  const list = (await call('GET', '/audiences', editor)).json().items;
  assert.equal(list.find((a: { key: string }) => a.key === 'students').name, 'University students');
  assert.ok(!(await call('GET', `/stories/${s.id}`, editor)).json().missingAudiences.includes('students'));
  assert.equal((await call('POST', '/audiences', editor, { key: 'x', nameNl: 'x', nameEn: 'y' })).statusCode, 403, 'editors do not manage audiences');
});

test('search: Dutch stemming ("medewerkers" finds "medewerker"), English stemming, either language, ranked', async () => {
  const dutch = await story(editor, { title: 'Onze medewerker in de tunnel', summary: 'Over het werk onder de grond', language: 'nl', format: 'news' });
  const english = await story(editor, { title: 'Engineers building bridges', summary: 'A bridge is built', language: 'en', format: 'news' });
  const both = await story(editor, { title: 'Bridges, bridges and more bridges', bodyMarkdown: 'bridges everywhere', language: 'en', format: 'news' });
  const ids = async (q: string, headers = editor) => (await call('GET', `/stories?q=${encodeURIComponent(q)}`, headers)).json().items.map((s: { id: string }) => s.id);
  assert.deepEqual(await ids('medewerkers'), [dutch.id]);
  assert.ok((await ids('engineer')).includes(english.id));
  const bridge = await ids('bridge');
  assert.deepEqual(bridge.slice(0, 2), [both.id, english.id], 'the story that says it most often ranks first');
  assert.deepEqual(await ids('"medewerker in de tunnel"'), [dutch.id], 'phrases as typed');
  assert.deepEqual(await ids('zzzonbekend'), []);
  assert.deepEqual(await ids('de het een'), [], 'only stop words: nothing, and no error');
  assert.equal((await call('GET', '/stories?q=%00', editor)).statusCode, 400);

  const page1 = await call('GET', '/stories?q=bridge&limit=1', editor);
  assert.equal(page1.json().items.length, 1);
  const page2 = await call('GET', `/stories?q=bridge&limit=1&cursor=${page1.json().nextCursor}`, editor);
  assert.deepEqual(page2.json().items.map((s: { id: string }) => s.id), [english.id], 'the cursor continues by rank');
  assert.deepEqual(await ids('medewerker', ambassador), [], 'an ambassador searches only what is published');
});

test('lists filter by status, format, language and theme, and page by cursor', async () => {
  const themed = await call('POST', '/themes', editor, { key: 'duurzaamheid', nameNl: 'Duurzaamheid', nameEn: 'Sustainability' });
  const s = await story(editor, { title: 'Zonnepanelen', format: 'expertise', language: 'en', themeIds: [themed.json().id] });
  const byTheme = (await call('GET', `/stories?themeId=${themed.json().id}`, editor)).json().items;
  assert.deepEqual(byTheme.map((x: { id: string }) => x.id), [s.id]);
  const expertise = (await call('GET', '/stories?format=expertise&language=en&status=draft', editor)).json().items;
  assert.ok(expertise.every((x: { format: string; language: string }) => x.format === 'expertise' && x.language === 'en'));
  const seen = new Set<string>();
  let cursor: string | null = null;
  do {
    const response = await call('GET', `/stories?limit=3${cursor ? `&cursor=${cursor}` : ''}`, editor);
    for (const item of response.json().items) {
      assert.ok(!seen.has(item.id), 'no story twice');
      seen.add(item.id);
    }
    cursor = response.json().nextCursor;
  } while (cursor);
  const [count] = await t.ctx.database.query<{ n: number }>('select count(*)::int as n from stories');
  assert.equal(seen.size, count?.n);
  assert.equal((await call('GET', '/stories?cursor=bogus', editor)).statusCode, 400);
});

test('slugs stay once a story is published; before that they may change', async () => {
  const s = await story(editor, { title: 'Vroeg' });
  const renamed = await call('PATCH', `/stories/${s.id}`, editor, { slug: 'vroeg-op-pad' });
  assert.equal(renamed.json().slug, 'vroeg-op-pad');
  for (const to of ['in_review', 'approved', 'published']) assert.equal((await call('POST', `/stories/${s.id}/transitions`, editor, { to })).statusCode, 200);
  const locked = await call('PATCH', `/stories/${s.id}`, editor, { slug: 'ander-adres' });
  assert.equal(locked.statusCode, 409);
  assert.equal(locked.json().error.code, 'slug_locked');
});

test('erasure: a featured colleague leaves unpublished stories, is anonymised on published ones, their comments go', async () => {
  const person = await buildPerson(t, { name: 'Quirinus Vanishing', email: 'quirinus.vanish@example.com' });
  const me = await tokenHeaders(t, 'ambassador', person.id);
  const draft = await story(editor, { title: 'Concept', featured: [{ personId: person.id, quote: 'Mijn geheime citaat' }] });
  const published = await story(editor, { title: 'Live verhaal', featured: [{ personId: person.id, quote: 'Mijn publieke citaat' }] });
  await call('POST', `/stories/${published.id}/approval-requests`, editor);
  assert.equal((await call('POST', `/stories/${published.id}/approval`, me, { decision: 'approved', comment: 'Prima, groet Quirinus' })).statusCode, 200);
  assert.equal((await call('POST', `/stories/${published.id}/comments`, me, { comment: 'Groetjes van Quirinus' })).statusCode, 201);
  for (const to of ['in_review', 'approved', 'published']) assert.equal((await call('POST', `/stories/${published.id}/transitions`, editor, { to })).statusCode, 200);
  const own = await story(me, { title: 'Door Quirinus ingediend' });

  const exported = (await call('GET', `/people/${person.id}/export`, admin)).json();
  assert.equal(exported['stories.featured'].length, 2);
  assert.equal(exported['stories.authorship'].length, 1);
  assert.ok(exported['stories.events'].some((e: { comment: string }) => e.comment === 'Groetjes van Quirinus'));

  assert.equal((await call('POST', `/people/${person.id}/erase`, admin)).statusCode, 200);
  assert.equal((await call('GET', `/stories/${draft.id}`, editor)).json().featured.length, 0);
  const live = (await call('GET', `/stories/${published.id}`, editor)).json();
  assert.deepEqual(
    live.featured.map((f: { name: string; quote: string; approvalComment: string | null }) => [f.name, f.quote, f.approvalComment]),
    [['Erased person', '', null]],
  );
  assert.ok(live.events.every((e: { comment: string | null }) => !e.comment?.includes('Quirinus')));
  assert.equal((await call('GET', `/stories/${own.id}`, editor)).json().submittedBy, null);
  const traces = await t.ctx.database.query<{ n: number }>(
    `select count(*)::int as n from story_events where comment ilike '%quirinus%'
     union all select count(*)::int from story_featured where quote ilike '%citaat%' or approval_comment ilike '%quirinus%'`,
  );
  assert.deepEqual(traces.map((r) => r.n), [0, 0]);
});
