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

test('six months of clicks through the click writer: the rollups hold exactly the raw clicks', async () => {
  const [span] = await rows<{ first: Date; last: Date; days: number; clicks: number; noise: number }>(
    `select min(occurred_at) as first, max(occurred_at) as last, count(distinct occurred_at::date)::int as days, count(*)::int as clicks,
            (count(*) filter (where bot))::float / count(*) as noise from clicks`,
  );
  assert.ok(span);
  const now = t.clock.now().getTime();
  assert.ok(span.clicks > 3000, `${span.clicks} clicks`);
  assert.ok(now - new Date(span.first).getTime() <= 183 * 86_400_000 && new Date(span.last).getTime() <= now);
  assert.ok(span.days > 150, `clicks on ${span.days} days`);
  assert.ok(span.noise > 0.1 && span.noise < 0.2, `bots and previews: ${span.noise}`);
  // Per share and day, the daily rollup equals a count of the raw clicks; the hourly rollups add up to the same.
  const raw = `select share_id, occurred_at::date::text as day, count(*) filter (where kind = 'visit')::int as human,
      count(*) filter (where unique_click)::int as uniq, count(distinct visitor_hash) filter (where kind = 'visit')::int as visitors,
      count(*) filter (where kind = 'preview')::int as previews, count(*) filter (where kind in ('bot', 'head'))::int as bots
    from clicks group by 1, 2`;
  const daily = 'select share_id, day::text, human_clicks, unique_clicks, visitors, previews, bot_clicks from click_rollups_daily';
  const hourly = `select share_id, (hour at time zone 'UTC')::date::text as day, sum(human_clicks)::int, sum(unique_clicks)::int, sum(visitors)::int, sum(previews)::int, sum(bot_clicks)::int
    from click_rollups_hourly group by 1, 2`;
  for (const [a, b] of [[raw, daily], [daily, raw], [hourly, daily], [daily, hourly]]) {
    const differences = await rows(`(${a}) except (${b})`);
    assert.deepEqual(differences, []);
  }
});

test('the clicks look like people reading LinkedIn: referrers, devices, working hours and quieter weekends', async () => {
  const referrers = (await rows<{ host: string }>('select distinct referrer_host as host from clicks where referrer_host is not null')).map((r) => r.host);
  for (const host of ['www.linkedin.com', 'lnkd.in', 't.co', 'l.facebook.com', 'web.whatsapp.com']) assert.ok(referrers.includes(host), host);
  const devices = await rows<{ device: string; n: number }>(`select device, count(*)::int as n from clicks where kind = 'visit' group by 1 order by 2 desc`);
  assert.deepEqual(devices.map((d) => d.device), ['mobile', 'desktop', 'tablet']);
  const [shape] = await rows<{ night: number; evening: number; weekday: number; weekend: number }>(
    `select count(*) filter (where extract(hour from occurred_at) between 1 and 4)::int as night,
            count(*) filter (where extract(hour from occurred_at) between 18 and 21)::int as evening,
            count(*) filter (where extract(isodow from occurred_at) < 6)::float / 5 as weekday,
            count(*) filter (where extract(isodow from occurred_at) >= 6)::float / 2 as weekend
       from clicks where kind = 'visit'`,
  );
  assert.ok(shape);
  assert.ok(shape.evening > 4 * shape.night, `evening ${shape.evening}, night ${shape.night}`);
  assert.ok(shape.weekday > 1.3 * shape.weekend, `per weekday ${shape.weekday}, per weekend day ${shape.weekend}`);
});

test('conversions of multi-day journeys, each with its touchpoints and credit adding up to one', async () => {
  const conversions = await rows<{ type: string; touchpoint_count: number; touchpoints: number; first: number; last: number; linear: number; days: number }>(
    `select c.type, c.touchpoint_count, count(tp.click_id)::int as touchpoints, coalesce(sum(tp.credit_first), 0)::float as first,
            coalesce(sum(tp.credit_last), 0)::float as last, coalesce(sum(tp.credit_linear), 0)::float as linear,
            extract(epoch from c.occurred_at - c.first_touch_at)::float / 86400 as days
       from conversions c left join conversion_touchpoints tp on tp.conversion_id = c.id group by c.id`,
  );
  assert.ok(conversions.length > 50, `${conversions.length} conversions`);
  assert.deepEqual([...new Set(conversions.map((c) => c.type))].sort(), ['application', 'apply_started', 'hire']);
  for (const c of conversions) {
    assert.ok(c.touchpoints >= 1 && c.touchpoints === c.touchpoint_count, `${c.touchpoints} touchpoints, counted ${c.touchpoint_count}`);
    for (const credit of [c.first, c.last, c.linear]) assert.ok(Math.abs(credit - 1) < 1e-4, `credit ${credit}`);
  }
  assert.ok(conversions.some((c) => c.touchpoints >= 8), 'some journeys have eight or more touchpoints');
  assert.ok(conversions.filter((c) => c.days > 7).length > 10, 'many journeys take more than a week');

  const report = (await t.app.inject({ method: 'GET', url: '/api/v1/analytics/touchpoints?type=application', headers: admin })).json();
  assert.ok(report.conversions > 10 && report.touchpoints.median >= 2, JSON.stringify(report.touchpoints));
  const credit = (await t.app.inject({ method: 'GET', url: '/api/v1/analytics/attribution?by=ambassador&model=linear&limit=5', headers: admin })).json();
  assert.equal(credit.items.length, 5);
  assert.ok(credit.items.every((item: { name: string | null; credit: number }) => item.name && item.credit > 0));
});

test('personas: every type appears, the weekly history holds real moves between types, and self-assessments weigh in', async () => {
  const current = await rows<{ persona: string; n: number }>('select persona, count(*)::int as n from person_personas group by persona');
  const byPersona = new Map(current.map((row) => [row.persona, row.n]));
  for (const persona of ['anchored', 'loyal_fan', 'cautious_mover', 'job_hopper', 'unknown']) assert.ok((byPersona.get(persona) ?? 0) > 0, `no ${persona} in ${JSON.stringify(current)}`);
  const weeks = await rows<{ n: number }>('select count(distinct week)::int as n from persona_history');
  assert.equal(weeks[0]?.n, 13);
  // A move: the same person with another type in a later week than in an earlier one.
  const moves = await rows<{ n: number }>(`select count(*)::int as n from persona_history a join persona_history b on b.person_id = a.person_id and b.week = a.week + 7 where a.persona <> b.persona`);
  assert.ok((moves[0]?.n ?? 0) > 0, 'no persona flows in the demo history');
  const answered = await rows<{ n: number }>('select count(*)::int as n from persona_assessments');
  assert.ok((answered[0]?.n ?? 0) > 0);
});

test('nudges: a log of twelve weeks with holdouts, and a report that compares nudged people with the holdout', async () => {
  const statuses = await rows<{ status: string; n: number }>('select status, count(*)::int as n from nudges group by status');
  const byStatus = new Map(statuses.map((row) => [row.status, row.n]));
  assert.ok((byStatus.get('sent') ?? 0) > 0 && (byStatus.get('holdout') ?? 0) > 0, JSON.stringify(statuses));
  const report = await t.app.inject({ method: 'GET', url: '/api/v1/nudges/report?days=90', headers: admin });
  assert.equal(report.statusCode, 200, report.body);
  const body = report.json() as { rows: { sent: number; holdout: number }[] };
  assert.ok(body.rows.some((row) => row.sent > 0 && row.holdout > 0));
});
