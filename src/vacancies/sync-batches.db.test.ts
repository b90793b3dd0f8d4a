import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { groups, themeRules, themes, vacancies, vacancySources, vacancyThemes } from '../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import type { ImportedVacancy } from './adapters/types.ts';
import { applyFeed } from './sync.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

// More than two write batches (500 rows each), so every batch boundary is crossed.
const JOBS = 1_201;

const job = (n: number, title = `Engineer ${n}`): ImportedVacancy => ({
  externalId: String(n),
  title,
  department: n % 2 ? 'Batch platform' : 'Elsewhere',
  location: 'Utrecht',
  employmentType: null,
  descriptionHtml: `<p>Job ${n}</p><script>alert(${n})</script>`,
  applyUrl: `https://jobs.example/${n}`,
  openings: null,
  openedAt: new Date('2026-10-01T09:00:00Z'),
  language: 'en',
});

test('a big feed is written in batches: added, updated, closed and reopened like one at a time', async () => {
  const db = t.ctx.database.db;
  const [source] = await db.insert(vacancySources).values({ type: 'greenhouse', name: 'Big board', url: 'https://boards.example/big' }).returning();
  const [department] = await db.insert(groups).values({ kind: 'department', name: 'Batch platform' }).returning();
  const [theme] = await db.insert(themes).values({ key: `batch-${uuidv7().slice(-6)}`, nameNl: 'Platform', nameEn: 'Platform' }).returning();
  assert.ok(source && department && theme);
  await db.insert(themeRules).values({ themeId: theme.id, kind: 'department', departmentId: department.id });
  const apply = (jobs: ImportedVacancy[], confirmMassClose = false) => applyFeed(t.ctx, source.id, { vacancies: jobs, problems: [] }, t.clock.now(), { triggeredBy: null, confirmMassClose });
  const rows = () => db.select().from(vacancies).where(eq(vacancies.sourceId, source.id));
  const all = Array.from({ length: JOBS }, (_, i) => job(i + 1));

  const first = await apply(all);
  assert.deepEqual([first.status, first.added, first.updated, first.closed], ['applied', JOBS, 0, 0]);
  const added = await rows();
  assert.equal(added.length, JOBS);
  assert.equal(new Set(added.map((v) => v.slug)).size, JOBS, 'every slug unique (engineer-1, engineer-2, …)');
  const sample = added.find((v) => v.externalId === '777');
  assert.equal(sample?.descriptionHtml, '<p>Job 777</p>', 'sanitised');
  assert.equal(sample?.departmentId, department.id, 'department matched by name');
  const themed = await db.select().from(vacancyThemes).where(inArray(vacancyThemes.vacancyId, added.map((v) => v.id)));
  assert.equal(themed.length, Math.ceil(JOBS / 2), 'the department rule gave each of its vacancies the theme');

  t.clock.advance(60_000);
  const again = await apply(all);
  assert.deepEqual([again.added, again.updated, again.closed], [0, 0, 0], 'an unchanged feed changes nothing');
  assert.ok((await rows()).every((v) => v.updatedAt.getTime() === added[0]?.updatedAt.getTime()));

  t.clock.advance(60_000);
  // 600 retitled across all three batches, one in twelve gone.
  const changed = all.filter((_, i) => i % 12 !== 0).map((v, i) => (i % 2 ? job(Number(v.externalId), `${v.title} (32 hours)`) : v));
  const retitled = changed.filter((v) => v.title.endsWith('(32 hours)')).length;
  const gone = JOBS - changed.length;
  const update = await apply(changed);
  assert.deepEqual([update.status, update.added, update.updated, update.closed], ['applied', 0, retitled, gone]);
  const afterUpdate = await rows();
  const byId = new Map(afterUpdate.map((v) => [v.externalId, v]));
  for (const v of changed) assert.equal(byId.get(v.externalId)?.title, v.title);
  assert.equal(afterUpdate.filter((v) => v.status === 'closed').length, gone);
  assert.equal(byId.get('1201')?.title, job(1201).title, 'an unchanged vacancy keeps its values');
  assert.equal(byId.get('1200')?.departmentId, null, 'values written per row, not shared across the batch');

  const back = await apply(all);
  assert.deepEqual([back.added, back.updated, back.closed], [0, retitled + gone, 0], 'the closed ones open again, the retitled ones change back');
  const reopened = await rows();
  assert.ok(reopened.every((v) => v.status === 'open' && v.closedAt === null));
  assert.equal(reopened.find((v) => v.externalId === '13')?.descriptionHtml, '<p>Job 13</p>');
});
