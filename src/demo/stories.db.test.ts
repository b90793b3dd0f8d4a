import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { tokenHeaders } from '../../test/support/factories.ts';

let t: TestApp;
let admin: Record<string, string>;

before(async () => {
  t = await createTestApp();
  admin = await tokenHeaders(t, 'admin');
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/demo', headers: admin });
  assert.equal(response.statusCode, 201, response.body);
});
after(() => t.close());

const rows = <T>(sql: string) => t.ctx.database.query<T>(sql);

test('the demo has about 40 stories in every format, Dutch and English, with translated pairs', async () => {
  const stories = await rows<{ format: string; language: string; status: string; translation_group_id: string }>('select format, language, status, translation_group_id from stories');
  assert.ok(stories.length >= 38 && stories.length <= 45, `${stories.length} stories`);
  assert.deepEqual([...new Set(stories.map((s) => s.format))].sort(), ['behind_the_scenes', 'column', 'expertise', 'external_article', 'interview', 'news', 'vacancy_spotlight']);
  assert.deepEqual([...new Set(stories.map((s) => s.language))].sort(), ['en', 'nl']);
  const groups = new Map<string, number>();
  for (const s of stories) groups.set(s.translation_group_id, (groups.get(s.translation_group_id) ?? 0) + 1);
  assert.ok([...groups.values()].filter((n) => n === 2).length >= 5, 'several translated pairs');
  for (const status of ['published', 'archived', 'approved', 'in_review', 'draft', 'idea']) assert.ok(stories.some((s) => s.status === status), status);
});

test('a year of dates around today: published in the past, planned ahead', async () => {
  const now = t.clock.now().getTime();
  const dates = await rows<{ status: string; published_at: Date | null; planned_for: string }>('select status, published_at, planned_for::text as planned_for from stories');
  const published = dates.filter((d) => d.published_at && new Date(d.published_at).getTime() <= now);
  assert.ok(published.length >= 15, `${published.length} published`);
  assert.ok(published.every((d) => now - new Date(d.published_at as Date).getTime() < 366 * 86_400_000));
  const ahead = dates.filter((d) => Date.parse(`${d.planned_for}T23:59:59Z`) > now);
  assert.ok(ahead.length >= 5, `${ahead.length} planned ahead`);
  const summary = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/summary', headers: admin });
  assert.ok(summary.json().coverage.featuredPeople > 5);
});

test('variants for several audiences with at least two LinkedIn suggestions each; featured colleagues approved what is out', async () => {
  const variants = await rows<{ key: string; linkedin: number }>(
    `select a.key, count(*) filter (where s.network = 'linkedin')::int as linkedin from story_variants v
     join audiences a on a.id = v.audience_id join share_suggestions s on s.variant_id = v.id group by v.id, a.key`,
  );
  assert.ok(new Set(variants.map((v) => v.key)).size >= 3);
  assert.ok(variants.every((v) => v.linkedin >= 2));
  const unapproved = await rows<{ n: number }>(`select count(*)::int as n from story_featured f join stories s on s.id = f.story_id where s.status = 'published' and f.approval <> 'approved'`);
  assert.equal(unapproved[0]?.n, 0);
  const list = await t.app.inject({ method: 'GET', url: '/api/v1/stories?status=published&limit=100', headers: admin });
  assert.ok(list.json().items.some((s: { featured: unknown[]; heroImage: unknown }) => s.featured.length > 0));
});

test('three campaigns, one running today, and six themes', async () => {
  const campaigns = (await t.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: admin })).json().items;
  assert.equal(campaigns.length, 3);
  assert.equal(campaigns.filter((c: { active: boolean }) => c.active).length, 1);
  assert.ok(campaigns.every((c: { stories: unknown[] }) => c.stories.length > 0));
  const themes = (await t.app.inject({ method: 'GET', url: '/api/v1/themes', headers: admin })).json().items;
  assert.equal(themes.length, 6);
});
