import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { tokenHeaders } from '../../test/support/factories.ts';

/**
 * Every figure of the overview and of every breakdown equals the same figure computed straight
 * from the raw tables (clicks, shares, conversions and their touchpoints' clicks) for the same
 * filter, on the demo data. The recomputation here shares no code with src/analytics.
 */

let t: TestApp;
let admin: Record<string, string>;
const FROM = '2026-06-01';
const TO = '2026-11-27';

before(async () => {
  t = await createTestApp();
  admin = await tokenHeaders(t, 'admin');
  const demo = await t.app.inject({ method: 'POST', url: '/api/v1/demo', headers: admin });
  assert.equal(demo.statusCode, 201, demo.body);
});
after(() => t.close());

const rows = <T>(text: string, params: unknown[] = []) => t.ctx.database.query<T>(text, params);

interface RawFilter {
  department?: string;
  persona?: string;
  network?: string;
  campaign?: string;
  theme?: string;
  format?: string;
  location?: string;
  audience?: string;
}

/** Conditions on a share (alias sh) for a filter, written out here as plain SQL with literals. */
function shareFilter(filter: RawFilter): string {
  const q = (value: string) => `'${value.replaceAll("'", "''")}'`;
  const parts = ['true'];
  if (filter.department) parts.push(`sh.department_id = ${q(filter.department)}`);
  if (filter.persona) parts.push(`sh.persona_key = ${q(filter.persona)}`);
  if (filter.network) parts.push(`sh.network = ${q(filter.network)}`);
  if (filter.campaign) parts.push(`sh.campaign_id = ${q(filter.campaign)}`);
  if (filter.theme) parts.push(`exists (select 1 from story_themes x where x.story_id = sh.story_id and x.theme_id = ${q(filter.theme)})`);
  if (filter.format) parts.push(`exists (select 1 from stories x where x.id = sh.story_id and x.format = ${q(filter.format)})`);
  if (filter.location) parts.push(`exists (select 1 from group_memberships x where x.person_id = sh.person_id and x.group_id = ${q(filter.location)})`);
  if (filter.audience) parts.push(`exists (select 1 from audiences x where x.id = sh.audience_id and x.key = ${q(filter.audience)})`);
  return parts.join(' and ');
}

/** The group(s) of a share for each breakdown, straight from the share, its story and its sharer. */
const groupOf: Record<string, { join: string; key: string }> = {
  department: { join: '', key: 'sh.department_id::text' },
  persona: { join: '', key: 'sh.persona_key' },
  network: { join: '', key: 'sh.network' },
  campaign: { join: '', key: 'sh.campaign_id::text' },
  audience: { join: '', key: 'sh.audience_id::text' },
  theme: { join: 'left join story_themes g on g.story_id = sh.story_id', key: 'g.theme_id::text' },
  format: { join: 'left join stories g on g.id = sh.story_id', key: 'g.format' },
  location: {
    join: `left join (select m.person_id, m.group_id from group_memberships m join groups gg on gg.id = m.group_id where gg.kind = 'location') g on g.person_id = sh.person_id`,
    key: 'g.group_id::text',
  },
  total: { join: '', key: 'null::text' },
};

interface RawRow {
  key: string | null;
  people: number;
  shares: number;
  human: number;
  unique: number;
  visitors: number;
  bot: number;
  applications: number;
  hires: number;
  apply_started: number;
  leads: number;
  signups: number;
}

/** The figures per group from raw clicks, shares, conversions and the clicks behind their touchpoints. */
async function raw(by: keyof typeof groupOf, filter: RawFilter, from = FROM, to = TO): Promise<Map<string | null, RawRow>> {
  const { join, key } = groupOf[by] as { join: string; key: string };
  const start = `'${from}T00:00:00Z'::timestamptz`;
  const end = `('${to}T00:00:00Z'::timestamptz + interval '1 day')`;
  const where = shareFilter(filter);
  const clickRows = await rows<{ key: string | null; human: number; unique: number; visitors: number; bot: number }>(
    `select ${key} as key, count(*) filter (where not c.bot)::int as human, count(*) filter (where c.unique_click)::int as "unique",
       count(distinct ((c.occurred_at at time zone 'UTC')::date, c.share_id, c.visitor_hash)) filter (where not c.bot and c.visitor_hash is not null)::int as visitors,
       count(*) filter (where c.bot)::int as bot
     from clicks c join shares sh on sh.id = c.share_id ${join}
     where c.occurred_at >= ${start} and c.occurred_at < ${end} and ${where} group by 1`,
  );
  const shareRows = await rows<{ key: string | null; n: number }>(
    `select ${key} as key, count(*)::int as n from shares sh ${join} where sh.created_at >= ${start} and sh.created_at < ${end} and ${where} group by 1`,
  );
  const conversionRows = await rows<{ key: string | null; type: string; n: number }>(
    `select ${key} as key, cv.type, count(distinct cv.id)::int as n
     from conversions cv join conversion_touchpoints tp on tp.conversion_id = cv.id join clicks c on c.id = tp.click_id join shares sh on sh.id = c.share_id ${join}
     where cv.occurred_at >= ${start} and cv.occurred_at < ${end} and ${where} group by 1, 2`,
  );
  const peopleRows = await rows<{ key: string | null; n: number }>(
    `select key, count(distinct person_id)::int as n from (
       select ${key} as key, sh.person_id from clicks c join shares sh on sh.id = c.share_id ${join} where c.occurred_at >= ${start} and c.occurred_at < ${end} and ${where}
       union select ${key}, sh.person_id from shares sh ${join} where sh.created_at >= ${start} and sh.created_at < ${end} and ${where}
       union select ${key}, sh.person_id from conversions cv join conversion_touchpoints tp on tp.conversion_id = cv.id join clicks c on c.id = tp.click_id join shares sh on sh.id = c.share_id ${join}
         where cv.occurred_at >= ${start} and cv.occurred_at < ${end} and ${where}) x group by 1`,
  );
  const out = new Map<string | null, RawRow>();
  const at = (k: string | null) => {
    let row = out.get(k);
    if (!row) {
      row = { key: k, people: 0, shares: 0, human: 0, unique: 0, visitors: 0, bot: 0, applications: 0, hires: 0, apply_started: 0, leads: 0, signups: 0 };
      out.set(k, row);
    }
    return row;
  };
  for (const r of clickRows) Object.assign(at(r.key), { human: r.human, unique: r.unique, visitors: r.visitors, bot: r.bot });
  for (const r of shareRows) at(r.key).shares = r.n;
  const field = { application: 'applications', hire: 'hires', apply_started: 'apply_started', lead: 'leads', signup: 'signups' } as const;
  for (const r of conversionRows) at(r.key)[field[r.type as keyof typeof field]] = r.n;
  for (const r of peopleRows) at(r.key).people = r.n;
  return out;
}

const query = (filter: RawFilter, extra = '') => `from=${FROM}&to=${TO}${Object.entries(filter).map(([k, v]) => `&${k}=${encodeURIComponent(v)}`).join('')}${extra}`;

async function get(url: string) {
  const response = await t.app.inject({ method: 'GET', url, headers: admin });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/** Filters to check besides "everything": a department, a persona, a network, a theme, a location and a combination. */
async function someFilters(): Promise<RawFilter[]> {
  // The sharer's department at the time of the share, else (on data without it) a department group.
  const [department] = await rows<{ id: string }>(
    `select id from (select department_id::text as id, count(*) as n from shares where department_id is not null group by 1
       union all select id::text, 0 from groups where kind = 'department') d order by n desc limit 1`,
  );
  const [theme] = await rows<{ id: string }>(`select theme_id::text as id from story_themes group by 1 order by count(*) desc limit 1`);
  const [location] = await rows<{ id: string }>(`select g.id::text as id from groups g join group_memberships m on m.group_id = g.id where g.kind = 'location' group by 1 order by count(*) desc limit 1`);
  const [audience] = await rows<{ key: string }>(`select a.key from shares s join audiences a on a.id = s.audience_id group by 1 order by count(*) desc limit 1`);
  assert.ok(department && theme && location && audience, 'the demo has departments, themes, locations and audiences in use');
  return [
    {},
    { department: department.id },
    { persona: 'loyal_fan' },
    { network: 'linkedin' },
    { theme: theme.id },
    { location: location.id },
    { audience: audience.key },
    { format: 'interview' },
    { department: department.id, persona: 'loyal_fan', network: 'linkedin' },
  ];
}

test('the demo has clicks, shares and conversions with touchpoints in the period, so the comparisons below compare something', async () => {
  const [totals] = await rows<{ clicks: number; shares: number; conversions: number }>(
    `select (select count(*) from clicks where occurred_at >= '${FROM}')::int as clicks, (select count(*) from shares where created_at >= '${FROM}')::int as shares,
       (select count(*) from conversions where occurred_at >= '${FROM}' and touchpoint_count > 0)::int as conversions`,
  );
  assert.ok((totals?.clicks ?? 0) > 100, `${totals?.clicks} clicks`);
  assert.ok((totals?.shares ?? 0) > 20, `${totals?.shares} shares`);
  assert.ok((totals?.conversions ?? 0) > 3, `${totals?.conversions} conversions`);
});

test('the overview equals the raw recomputation, unfiltered and for each filter', async () => {
  for (const filter of await someFilters()) {
    const label = JSON.stringify(filter);
    const overview = await get(`/api/v1/analytics/overview?${query(filter, '&compare=none')}`);
    const expected = (await raw('total', filter)).get(null);
    assert.ok(expected, label);
    assert.equal(overview.suppressed, false, label);
    assert.equal(overview.shares, expected.shares, `shares ${label}`);
    assert.deepEqual(overview.clicks, { human: expected.human, unique: expected.unique, visitors: expected.visitors, bot: expected.bot, visitorsCounted: 'sum_of_daily_uniques' }, `clicks ${label}`);
    assert.deepEqual(
      overview.conversions,
      { apply_started: expected.apply_started, application: expected.applications, hire: expected.hires, lead: expected.leads, signup: expected.signups },
      `conversions ${label}`,
    );
    assert.equal(overview.clickThroughPerShare, expected.shares === 0 ? null : Number((expected.human / expected.shares).toFixed(2)), `click-through ${label}`);
    const [sharers] = await rows<{ n: number; reach: number; known: number; network: number }>(
      `select count(distinct sh.person_id)::int as n,
         (select coalesce(sum(coalesce(p.network_size, 500)), 0)::int from people p where p.id in (select sh2.person_id from shares sh2 where sh2.id = any(array_agg(sh.id)))) as reach,
         (select count(*)::int from people p where p.network_size is not null and p.id in (select sh2.person_id from shares sh2 where sh2.id = any(array_agg(sh.id)))) as known,
         coalesce(sum((select coalesce(p.network_size, 500) from people p where p.id = sh.person_id)), 0)::int as network
       from shares sh where sh.created_at >= '${FROM}T00:00:00Z' and sh.created_at < '${TO}T00:00:00Z'::timestamptz + interval '1 day' and ${shareFilter(filter)}`,
    );
    assert.equal(overview.participation.sharers, sharers?.n, `sharers ${label}`);
    assert.equal(overview.reach.estimated, sharers?.reach, `reach ${label}`);
    assert.equal(overview.reach.sharersWithKnownNetwork, sharers?.known, `known networks ${label}`);
    const impressions = Math.round((sharers?.network ?? 0) * 0.1);
    assert.equal(overview.earnedMediaValue.impressions, impressions, `impressions ${label}`);
    assert.equal(overview.earnedMediaValue.amount, Number((expected.human * 2.5 + (impressions / 1000) * 15).toFixed(2)), `EMV ${label}`);
    // Touchpoints before the applications that touched the filter, from the conversions' own counts.
    const counts = (
      await rows<{ n: number }>(
        `select cv.touchpoint_count as n from conversions cv where cv.type = 'application' and cv.touchpoint_count > 0
           and cv.occurred_at >= '${FROM}T00:00:00Z' and cv.occurred_at < '${TO}T00:00:00Z'::timestamptz + interval '1 day'
           and exists (select 1 from conversion_touchpoints tp join clicks c on c.id = tp.click_id join shares sh on sh.id = c.share_id where tp.conversion_id = cv.id and ${shareFilter(filter)})
         order by 1`,
      )
    ).map((r) => r.n);
    const histogram = ['1', '2', '3', '4', '5', '6', '7', '8+'].map((bucket, index) => ({ touchpoints: bucket, applications: counts.filter((n) => Math.min(n, 8) === index + 1).length }));
    assert.deepEqual(overview.touchpoints.histogram, histogram, `touchpoint histogram ${label}`);
    const median = counts.length === 0 ? null : counts.length % 2 ? (counts[(counts.length - 1) / 2] as number) : ((counts[counts.length / 2 - 1] as number) + (counts[counts.length / 2] as number)) / 2;
    assert.equal(overview.touchpoints.median, median === null ? null : Number(median.toFixed(1)), `touchpoint median ${label}`);
  }
});

test('participation counts ambassadors by status at the end of the period', async () => {
  const overview = await get(`/api/v1/analytics/overview?${query({}, '&compare=none')}`);
  const [status] = await rows<{ active: number; invited: number }>(
    `select count(*) filter (where ambassador_status = 'active')::int as active, count(*) filter (where ambassador_status in ('invited', 'active', 'paused'))::int as invited
     from people where 'ambassador' = any(roles)`,
  );
  const [later] = await rows<{ n: number }>(`select count(*)::int as n from person_status_changes where changed_at >= '${TO}T00:00:00Z'::timestamptz + interval '1 day'`);
  assert.equal(later?.n, 0, 'no status changes after the period in the demo, so the status now is the status at its end');
  assert.deepEqual({ active: overview.participation.active, invited: overview.participation.invited }, status);
  assert.ok(overview.participation.active > 0);
});

for (const by of ['department', 'location', 'persona', 'theme', 'format', 'campaign', 'network', 'audience'] as const) {
  test(`the breakdown by ${by} equals the raw recomputation, row by row and in total`, async () => {
    for (const filter of [{}, { network: 'linkedin' }, { persona: 'loyal_fan' }] as RawFilter[]) {
      const label = `${by} ${JSON.stringify(filter)}`;
      const breakdown = await get(`/api/v1/analytics/breakdown?by=${by}&${query(filter)}`);
      const expected = await raw(by, filter);
      assert.deepEqual(
        breakdown.rows.map((r: { key: string | null }) => r.key).sort(),
        [...expected.keys()].sort(),
        `groups ${label}`,
      );
      for (const row of breakdown.rows) {
        const want = expected.get(row.key) as RawRow;
        assert.equal(row.suppressed, false, 'admins see every group');
        assert.deepEqual(
          { people: row.people, shares: row.shares, clicks: row.clicks, conversions: row.conversions },
          { people: want.people, shares: want.shares, clicks: { human: want.human, unique: want.unique, visitors: want.visitors }, conversions: { application: want.applications, hire: want.hires } },
          `${label} row ${row.key}`,
        );
      }
      const total = (await raw('total', filter)).get(null) as RawRow;
      assert.deepEqual(
        { people: breakdown.totals.people, shares: breakdown.totals.shares, clicks: breakdown.totals.clicks, conversions: breakdown.totals.conversions },
        { people: total.people, shares: total.shares, clicks: { human: total.human, unique: total.unique, visitors: total.visitors }, conversions: { application: total.applications, hire: total.hires } },
        `${label} totals`,
      );
    }
  });
}

test('the time series per day, week and month adds up to the raw figures of each bucket and of the period', async () => {
  const filter = { network: 'linkedin' };
  for (const interval of ['day', 'week', 'month'] as const) {
    const series = await get(`/api/v1/analytics/timeseries?interval=${interval}&${query(filter)}`);
    const sum = (field: string) => series.points.reduce((acc: number, p: Record<string, number>) => acc + (p[field] ?? 0), 0);
    const total = (await raw('total', filter)).get(null) as RawRow;
    assert.deepEqual(
      { shares: sum('shares'), humanClicks: sum('humanClicks'), visitors: sum('visitors'), applications: sum('applications'), hires: sum('hires') },
      { shares: total.shares, humanClicks: total.human, visitors: total.visitors, applications: total.applications, hires: total.hires },
      interval,
    );
    assert.equal(series.points[0].start, FROM);
    if (interval === 'month') {
      assert.deepEqual(series.points.map((p: { start: string }) => p.start), [FROM, '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01']);
      const november = (await raw('total', filter, '2026-11-01', TO)).get(null) as RawRow;
      assert.deepEqual(
        { shares: series.points[5].shares, humanClicks: series.points[5].humanClicks, applications: series.points[5].applications },
        { shares: november.shares, humanClicks: november.human, applications: november.applications },
      );
    }
    if (interval === 'week') assert.ok(series.points.slice(1).every((p: { start: string }) => new Date(`${p.start}T00:00:00Z`).getUTCDay() === 1), 'weeks start on Monday');
  }
});

test('the previous period is the same length just before, and its figures equal the raw ones', async () => {
  const overview = await get(`/api/v1/analytics/overview?from=2026-11-01&to=2026-11-27`);
  assert.deepEqual(overview.previousPeriod, { from: '2026-10-05', to: '2026-10-31' });
  const expected = (await raw('total', {}, '2026-10-05', '2026-10-31')).get(null) as RawRow;
  assert.equal(overview.previous.shares, expected.shares);
  assert.equal(overview.previous.clicks.human, expected.human);
  assert.equal(overview.previous.conversions.application, expected.applications);
});

test('a CSV export holds the same figures as the JSON', async () => {
  const json = await get(`/api/v1/analytics/breakdown?by=department&${query({})}`);
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/breakdown?by=department&${query({})}&format=csv`, headers: admin });
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^text\/csv/);
  assert.match(String(response.headers['content-disposition']), /^attachment; filename="podium-breakdown-department-/);
  assert.ok(response.body.startsWith('\uFEFF'), 'a BOM for Excel');
  const lines = response.body.slice(1).trim().split('\r\n');
  assert.equal(lines[0], 'department,label,people,shares,human_clicks,unique_clicks,visitors_sum_of_daily_uniques,applications,hires,suppressed');
  const totalLine = lines.at(-1)?.split(',') ?? [];
  assert.deepEqual(totalLine.slice(0, 5), ['total', '', String(json.totals.people), String(json.totals.shares), String(json.totals.clicks.human)]);
  assert.equal(lines.length, json.rows.length + 2);

  const overviewCsv = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/overview?${query({})}&format=csv`, headers: admin });
  const overview = await get(`/api/v1/analytics/overview?${query({})}`);
  const line = (figure: string) => overviewCsv.body.split('\r\n').find((l) => l.startsWith(`${figure},`))?.split(',');
  assert.equal(line('clicks_human')?.[1], String(overview.clicks.human));
  assert.equal(line('conversions_hire')?.[1], String(overview.conversions.hire));
  assert.equal(line('shares')?.[2], String(overview.previous.shares));
});
