// `npm run bench:analytics`: every analytics dashboard request through Podium listening on loopback,
// on 10 million clicks and 50,000 people (PostgreSQL) and 1 million clicks (PGlite). The data is
// generated set-wise in SQL: shares over a year, their clicks, the hourly and daily rollups built from
// those clicks as the click writer would have, conversions with their touchpoints, persona history,
// nudges and content gap snapshots. Targets: p95 ≤ 300 ms per request on PostgreSQL, ≤ 1 s on PGlite.
// Baseline in the same run: the same click figures computed straight from the raw clicks table (what a
// dashboard without rollups would do), which also checks that rollups and clicks agree.
//
// Smaller and quicker: PODIUM_BENCH_CLICKS=500000 (both engines), PODIUM_BENCH_PEOPLE=10000,
// PODIUM_BENCH_ENGINES=postgres, PODIUM_BENCH_REPEAT=10 (requests measured per dashboard view),
// PODIUM_BENCH_BASELINE_REPEAT=1, PODIUM_BENCH_JIT_PASS=0 (skip measuring the over-target views again
// with JIT off), PODIUM_BENCH_ONLY=<regular expression> (only the views whose names match). For every
// view over its target the slowest query is explained (EXPLAIN ANALYZE); PODIUM_BENCH_TARGET_MS=1
// explains them all. PODIUM_BENCH_KEEP=1 keeps the PostgreSQL database; PODIUM_BENCH_REUSE=<its name>
// measures on it again without seeding (after migrating it to the current schema).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { createSession } from '../src/auth/sessions.ts';
import type { Database } from '../src/db/client.ts';
import { putSetting } from '../src/settings/service.ts';
import { type Engine, engines, withPodium, writeResult } from './support.ts';

const PEOPLE = Math.max(20, Math.round(Number(process.env.PODIUM_BENCH_PEOPLE ?? 50_000) / 20) * 20);
const clicksFor = (engine: Engine) => Number(process.env.PODIUM_BENCH_CLICKS ?? (engine === 'postgres' ? 10_000_000 : 1_000_000));
const REPEAT = Number(process.env.PODIUM_BENCH_REPEAT ?? 20);
const BASELINE_REPEAT = Number(process.env.PODIUM_BENCH_BASELINE_REPEAT ?? 3);
const targetMs = (engine: Engine) => Number(process.env.PODIUM_BENCH_TARGET_MS ?? (engine === 'postgres' ? 300 : 1_000));

const STORIES = 5_000;
const VACANCIES = 1_000;
const DEPARTMENTS = 20;
const TEAMS = 250;
const LOCATIONS = 6;
const THEMES = 12;
const CAMPAIGNS = 24;
/** Shares go back a year; stories a little further, so the oldest shares have stories to share. */
const HISTORY_DAYS = 365;
const STORY_DAYS = 400;
const PERSONA_WEEKS = 13;
/** People by number: i % 20 is 0 invited, 1 paused, 2 opted out, 3 alumni, 4–19 active (80 %). */
const ACTIVE = (PEOPLE / 20) * 16;
/** Clicks per share on average (previews, bots and repeat visits included). */
const CLICKS_PER_SHARE = 25;
/** Of the generated openings: 5 % previews, 4 % bots, 1 % HEAD; 8 % of the visits repeat within 20 minutes. */
const REPEAT_FACTOR = 1 + 0.9 * 0.08;
const DAY_MS = 86_400_000;
const resultsFile = new URL('./results/analytics.json', import.meta.url);

/** A deterministic UUID (version 4 bits, so validators accept it) for a key, in SQL and in JS alike. */
const uuidSql = (key: string) => `(overlay(overlay(md5(${key}) placing '4' from 13) placing '8' from 17))::uuid`;
function uuidOf(key: string): string {
  const h = createHash('md5').update(key).digest('hex');
  const v = `${h.slice(0, 12)}4${h.slice(13, 16)}8${h.slice(17)}`;
  return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20)}`;
}
const personaOf = (i: string) =>
  `(array['anchored','anchored','anchored','loyal_fan','loyal_fan','cautious_mover','cautious_mover','job_hopper','job_hopper','unknown'])[(${i}) % 10 + 1]`;
const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const round = (n: number) => Math.round(n * 100) / 100;
const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** One line per step on a log; on a terminal the line of a long step is rewritten as it goes. */
function progress(engine: Engine, label: string, done: number, total: number, startedMs: number): void {
  const line = `${engine}: ${label} ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${Math.round((done / total) * 100)} %), ${seconds(performance.now() - startedMs)} s`;
  if (process.stdout.isTTY) process.stdout.write(`\r${line}${done >= total ? '\n' : ''}`);
  else console.log(line);
}

interface SeedReport {
  rows: Record<string, number>;
  stepSeconds: Record<string, number>;
  seconds: number;
}

/** Seeds the demo-scale organisation and a year of its advocacy; every step is one or a few set-wise statements. */
async function seed(database: Database, engine: Engine, now: Date): Promise<SeedReport> {
  const NOW = `'${now.toISOString()}'::timestamptz`;
  const CLICKS = clicksFor(engine);
  const SHARES = Math.max(1_000, Math.round(CLICKS / CLICKS_PER_SHARE));
  const CHUNK = Math.max(100_000, Math.ceil(CLICKS / 20));
  const JOURNEYS = Math.max(200, Math.round(CLICKS / 400));
  const stepSeconds: Record<string, number> = {};
  const started = performance.now();
  /** Runs statements in one transaction with generous memory for sorts and index builds (this session only). */
  const run = async (...texts: string[]) => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local work_mem = '256MB'`));
      await tx.execute(sql.raw(`set local maintenance_work_mem = '512MB'`));
      for (const text of texts) await tx.execute(sql.raw(text));
    });
  };
  const step = async (label: string, work: () => Promise<unknown>) => {
    const t0 = performance.now();
    await work();
    stepSeconds[label] = seconds(performance.now() - t0);
    console.log(`${engine}: ${label} in ${stepSeconds[label]} s`);
  };
  const stamp = `${NOW} - interval '${STORY_DAYS} days', ${NOW}`;

  await step('organisation (groups, people, memberships, personas, persona history)', () =>
    run(
      `insert into groups (id, kind, name, created_at, updated_at)
       select ${uuidSql(`'bench-department-' || d`)}, 'department', 'Department ' || d, ${stamp} from generate_series(0, ${DEPARTMENTS - 1}) d
       union all select ${uuidSql(`'bench-location-' || l`)}, 'location', 'Location ' || l, ${stamp} from generate_series(0, ${LOCATIONS - 1}) l
       union all select ${uuidSql(`'bench-team-' || t`)}, 'team', 'Team ' || t, ${stamp} from generate_series(0, ${TEAMS - 1}) t`,
      `insert into people (id, email, name, roles, ambassador_status, language, start_date, network_size, preferences, left_at, created_at, updated_at)
       select ${uuidSql(`'bench-person-' || i`)}, 'bench-' || i || '@bench.example', 'Colleague ' || i, '{ambassador}',
         case i % 20 when 0 then 'invited' when 1 then 'paused' when 2 then 'opted_out' when 3 then 'alumni' else 'active' end,
         case when i % 3 = 0 then 'nl' else 'en' end, (${NOW})::date - (100 + (i * 37) % 5000),
         case when i % 3 = 1 then null else 50 + (i * 13) % 3000 end,
         case when i % 5 < 2 then '{"leaderboardOptIn": true}'::jsonb else '{}'::jsonb end,
         case when i % 20 = 3 then ${NOW} - interval '30 days' end, ${stamp}
       from generate_series(0, ${PEOPLE - 1}) i`,
      `insert into people (id, email, name, roles, ambassador_status, created_at, updated_at)
       select ${uuidSql(`'bench-staff-' || r`)}, 'bench-' || r || '@bench.example', 'Bench ' || r, array[r, 'ambassador'], 'active', ${stamp}
       from unnest(array['admin', 'editor', 'recruiter']) r`,
      `insert into group_memberships (group_id, person_id, created_at)
       select g, ${uuidSql(`'bench-person-' || i`)}, ${NOW} - interval '${STORY_DAYS} days'
       from generate_series(0, ${PEOPLE - 1}) i
       cross join lateral (values (${uuidSql(`'bench-team-' || (i % ${TEAMS})`)}), (${uuidSql(`'bench-department-' || (i % ${TEAMS} % ${DEPARTMENTS})`)}),
         (${uuidSql(`'bench-location-' || (i / 7 % ${LOCATIONS})`)})) m(g)`,
      `insert into person_personas (person_id, persona, since, computed_at)
       select ${uuidSql(`'bench-person-' || i`)}, ${personaOf('i')}, ${NOW} - interval '60 days', ${NOW} from generate_series(0, ${PEOPLE - 1}) i`,
      // A quarter of weekly history; a share of the people moved persona some weeks ago.
      `insert into persona_history (person_id, week, persona)
       select ${uuidSql(`'bench-person-' || i`)}, date_trunc('week', ${NOW} at time zone 'UTC')::date - 7 * w,
         case when w < i % 9 then ${personaOf('i')} else ${personaOf('i + 3')} end
       from generate_series(0, ${PEOPLE - 1}) i cross join generate_series(0, ${PERSONA_WEEKS - 1}) w`,
    ),
  );

  const storyStep = `(interval '${STORY_DAYS} days' / ${STORIES})`;
  const storyAt = (k: string) => `(${NOW} - interval '${STORY_DAYS} days' + ${k} * ${storyStep})`;
  await step('content (themes, stories, featured colleagues, vacancies, campaigns)', () =>
    run(
      `insert into themes (id, key, name_nl, name_en, created_at, updated_at)
       select ${uuidSql(`'bench-theme-' || t`)}, 'bench-theme-' || t, 'Thema ' || t, 'Theme ' || t, ${stamp} from generate_series(0, ${THEMES - 1}) t`,
      `insert into stories (id, translation_group_id, language, format, status, title, slug, summary, published_at, created_at, updated_at)
       select ${uuidSql(`'bench-story-' || k`)}, ${uuidSql(`'bench-story-group-' || k`)}, case when k % 2 = 0 then 'nl' else 'en' end,
         (array['interview','column','behind_the_scenes','expertise','news','vacancy_spotlight','external_article'])[k % 7 + 1],
         'published', 'Story ' || k || ': a day at work', 'bench-story-' || k, 'What colleague ' || k || ' does, and why it matters.',
         ${storyAt('k')}, ${storyAt('k')} - interval '5 days', ${storyAt('k')}
       from generate_series(0, ${STORIES - 1}) k`,
      `insert into story_themes (story_id, theme_id)
       select ${uuidSql(`'bench-story-' || k`)}, ${uuidSql(`'bench-theme-' || t`)}
       from generate_series(0, ${STORIES - 1}) k cross join lateral (values (k % ${THEMES}), ((k + 5) % ${THEMES})) x(t)`,
      `insert into story_featured (story_id, person_id, quote, approval)
       select ${uuidSql(`'bench-story-' || k`)}, ${uuidSql(`'bench-person-' || ((k * 37) % ${PEOPLE})`)}, 'Great to work here', 'approved'
       from generate_series(0, ${STORIES - 1}) k`,
      `insert into vacancies (id, slug, title, department_name, department_id, openings, status, urgency, opened_at, closed_at, created_at, updated_at)
       select ${uuidSql(`'bench-vacancy-' || v`)}, 'bench-vacancy-' || v, 'Vacancy ' || v, 'Department ' || (v % ${DEPARTMENTS}),
         ${uuidSql(`'bench-department-' || (v % ${DEPARTMENTS})`)}, 1 + v % 3, case when v % 5 = 0 then 'closed' else 'open' end,
         (array['low','normal','normal','high','critical'])[v % 5 + 1], ${NOW} - (v % 300) * interval '1 day',
         case when v % 5 = 0 then ${NOW} - interval '3 days' end, ${stamp}
       from generate_series(0, ${VACANCIES - 1}) v`,
      `insert into vacancy_themes (vacancy_id, theme_id)
       select ${uuidSql(`'bench-vacancy-' || v`)}, ${uuidSql(`'bench-theme-' || (v % ${THEMES})`)} from generate_series(0, ${VACANCIES - 1}) v`,
      // A campaign starts every 15 days and runs for 30, with the stories published meanwhile (one in five each).
      `insert into campaigns (id, slug, name, goal, theme_id, starts_on, ends_on, created_at, updated_at)
       select ${uuidSql(`'bench-campaign-' || c`)}, 'bench-campaign-' || c, 'Campaign ' || c, 'recruitment', ${uuidSql(`'bench-theme-' || (c % ${THEMES})`)},
         (${NOW} - interval '360 days' + c * interval '15 days')::date, (${NOW} - interval '360 days' + c * interval '15 days')::date + 29, ${stamp}
       from generate_series(0, ${CAMPAIGNS - 1}) c`,
      `insert into campaign_stories (campaign_id, story_id)
       select ${uuidSql(`'bench-campaign-' || c`)}, ${uuidSql(`'bench-story-' || k`)}
       from generate_series(0, ${CAMPAIGNS - 1}) c cross join generate_series(0, ${STORIES - 1}) k
       where k % 5 = c % 5 and ${storyAt('k')} >= ${NOW} - interval '360 days' + c * interval '15 days'
         and ${storyAt('k')} < ${NOW} - interval '330 days' + c * interval '15 days'`,
    ),
  );

  // The plan of every share: when, by whom (a few ambassadors share much, many a little, some never),
  // what, where, and how many openings its link will get; chunks of about CHUNK clicks, by share.
  const meanBase = CLICKS / SHARES / REPEAT_FACTOR;
  await step(`share plan, ${SHARES.toLocaleString('en')} shares and their links`, () =>
    run(
      `drop table if exists bench_share_plan`,
      `create table bench_share_plan as
       with drawn as (
         select ${NOW} - interval '1 hour' - ${HISTORY_DAYS * 86_400 - 3_600} * power(random(), 1.25) * interval '1 second' as at,
           floor(${ACTIVE} * 0.7 * power(random(), 2))::int as sharer, random() as r_item, random() as r_pick, random() as r_net,
           random() as r_aud, random() as r_text, random() as r_clicks
         from generate_series(1, ${SHARES})
       ), base as (
         -- Numbered in time order, so a chunk is a stretch of time and rows land on disk roughly in
         -- the order the click writer would have written them (a day's rollups close together).
         select row_number() over (order by at) - 1 as n, drawn.* from drawn
       ), placed as (
         select base.*, (sharer / 16) * 20 + 4 + sharer % 16 as person_no,
           greatest(0, floor(extract(epoch from at - (${NOW} - interval '${STORY_DAYS} days')) / extract(epoch from ${storyStep}))::int - floor(r_pick * 360)::int) as story_no
         from base
       ), planned as (
         select n, ${uuidSql(`'bench-share-' || n`)} as id, 'bench' || n as code, at, person_no,
           ${uuidSql(`'bench-person-' || person_no`)} as person_id,
           case when r_item < 0.08 then 'vacancy' else 'story' end as item_type,
           case when r_item < 0.08 then null else ${uuidSql(`'bench-story-' || story_no`)} end as story_id,
           case when r_item < 0.08 then ${uuidSql(`'bench-vacancy-' || floor(r_pick * ${VACANCIES})::int`)} end as vacancy_id,
           case when r_net < 0.68 then 'linkedin' when r_net < 0.78 then 'facebook' when r_net < 0.87 then 'whatsapp' when r_net < 0.95 then 'x' else 'email' end as network,
           case when r_aud < 0.6 then 'candidates' when r_aud < 0.9 then 'colleagues' when r_aud < 0.96 then 'partners' else 'press' end as audience_key,
           r_text < 0.7 as personalised, case when r_text < 0.7 then r_text * 0.7 else 0.9 + (r_text - 0.7) / 3 end as similarity,
           ${uuidSql(`'bench-department-' || (person_no % ${TEAMS} % ${DEPARTMENTS})`)} as department_id,
           ${personaOf('person_no')} as persona_key,
           1 + floor(-ln(1 - r_clicks) * ${meanBase - 0.5})::int as clicks
         from placed
       )
       select planned.*, a.id as audience_id,
         (select cs.campaign_id from campaign_stories cs join campaigns ca on ca.id = cs.campaign_id
          where cs.story_id = planned.story_id and (planned.at at time zone 'UTC')::date between ca.starts_on and ca.ends_on limit 1) as campaign_id,
         floor((sum(clicks) over (order by n) - clicks) / ${CHUNK})::int as chunk
       from planned left join audiences a on a.key = planned.audience_key`,
      `alter table bench_share_plan add primary key (n)`,
      `create index bench_share_plan_chunk_idx on bench_share_plan (chunk)`,
      `create index bench_share_plan_id_idx on bench_share_plan (id)`,
      `insert into shares (id, person_id, item_type, story_id, vacancy_id, network, audience_id, text, personalised, similarity, disclosure_added,
         campaign_id, department_id, persona_key, created_at)
       select id, person_id, item_type, story_id, vacancy_id, network, audience_id,
         case when personalised then 'Proud of my colleagues, read this. #ad' else 'Curious what it is like to work here? This story shows it. #ad' end,
         personalised, similarity, true, campaign_id, department_id, persona_key, at
       from bench_share_plan order by n`,
      `insert into links (code, share_id, item_type, story_id, vacancy_id, created_at)
       select code, id, item_type, story_id, vacancy_id, at from bench_share_plan order by n`,
    ),
  );

  // Bulk loading: the indexes of clicks and rollups are dropped and built again after the load (as
  // pg_restore does), the same definitions read from the catalogue, so the schema ends up unchanged.
  const bulkTables = ['clicks', 'click_rollups_hourly', 'click_rollups_daily'];
  const constraints = await database.query<{ table_name: string; name: string; definition: string }>(
    `select conrelid::regclass::text as table_name, conname as name, pg_get_constraintdef(oid) as definition
     from pg_constraint where conrelid::regclass::text = any($1) and contype in ('p', 'u')`,
    [bulkTables],
  );
  const indexes = await database.query<{ name: string; definition: string }>(
    `select indexname as name, indexdef as definition from pg_indexes
     where schemaname = current_schema() and tablename = any($1) and indexname <> all($2)`,
    [bulkTables, constraints.map((c) => c.name)],
  );
  await run(...indexes.map((i) => `drop index ${i.name}`), ...constraints.map((c) => `alter table ${c.table_name} drop constraint ${c.name}`));

  const chunks = Number((await database.query<{ n: number }>(`select coalesce(max(chunk), -1) + 1 as n from bench_share_plan`))[0]?.n ?? 0);
  const clickStarted = performance.now();
  let clicksStored = 0;
  for (let chunk = 0; chunk < chunks; chunk++) {
    const [row] = await database.query<{ clicks: number }>(clicksOfChunk(NOW, chunk));
    clicksStored += Number(row?.clicks ?? 0);
    progress(engine, `clicks and their rollups, chunk ${chunk + 1}/${chunks}:`, Math.min(clicksStored, CLICKS), CLICKS, clickStarted);
  }
  stepSeconds.clicksAndRollups = seconds(performance.now() - clickStarted);
  await step('indexes of clicks and rollups', async () => {
    for (const c of constraints) await run(`alter table ${c.table_name} add constraint ${c.name} ${c.definition}`);
    for (const i of indexes) await run(i.definition);
  });
  await step('vacuum analyze of clicks and rollups', async () => {
    for (const table of bulkTables) await database.query(`vacuum (analyze) ${table}`);
  });

  await step(`conversions of ${JOURNEYS.toLocaleString('en')} candidate journeys, with touchpoints`, () => conversionsOf(database, run, NOW, JOURNEYS));

  await step('nudges, content gap snapshots, settings', async () => {
    await run(
      `insert into nudge_templates (id, key, trigger, personas, channel, texts, created_at, updated_at)
       values (${uuidSql(`'bench-template'`)}, 'bench-template', 'inactive', '{anchored,loyal_fan,cautious_mover,job_hopper,unknown}', 'email',
         '{"en":{"subject":"S","body":"B","action":"A"},"nl":{"subject":"S","body":"B","action":"A"}}', ${stamp})`,
      `insert into nudges (id, template_id, person_id, persona, send_key, channel, holdout, status, scheduled_for, created_at, sent_at, opened_at, clicked_at)
       select ${uuidSql(`'bench-nudge-' || i || '-' || w`)}, ${uuidSql(`'bench-template'`)}, ${uuidSql(`'bench-person-' || i`)}, ${personaOf('i')},
         'bench-' || i || '-' || w, 'email', i % 10 = 4, case when i % 10 = 4 then 'holdout' else 'sent' end,
         ${NOW} - (w * 20 + i % 10) * interval '1 day', ${NOW} - (w * 20 + i % 10) * interval '1 day',
         case when i % 10 = 4 then null else ${NOW} - (w * 20 + i % 10) * interval '1 day' end,
         case when i % 10 <> 4 and i % 3 = 0 then ${NOW} - (w * 20 + i % 10) * interval '1 day' + interval '2 hours' end,
         case when i % 10 <> 4 and i % 6 = 0 then ${NOW} - (w * 20 + i % 10) * interval '1 day' + interval '3 hours' end
       from generate_series(0, ${PEOPLE - 1}) i cross join generate_series(0, 3) w
       where i % 20 >= 4 and i % 4 = 0`,
      `insert into content_gap_snapshots (day, theme_id, pressure, supply, need, open_vacancies, recent_stories)
       select (${NOW})::date - d, ${uuidSql(`'bench-theme-' || t`)}, 0.2 + ((d * 7 + t * 13) % 80) / 100.0, 0.1 + ((d + t) % 50) / 100.0,
         0.3 + ((d * 3 + t) % 60) / 100.0, 5 + (d + t) % 40, (d * t) % 12
       from generate_series(0, ${HISTORY_DAYS - 1}) d cross join generate_series(0, ${THEMES - 1}) t`,
      `drop table bench_share_plan`,
    );
    await putSetting(database.db, 'leaderboards.enabled', true, now);
  });

  const count = async (table: string) => Number((await database.query<{ n: number }>(`select count(*)::bigint as n from ${table}`))[0]?.n ?? 0);
  const rows: Record<string, number> = {};
  for (const table of ['people', 'group_memberships', 'persona_history', 'stories', 'vacancies', 'shares', 'clicks', 'click_rollups_hourly', 'click_rollups_daily', 'conversions', 'conversion_touchpoints', 'nudges']) {
    rows[table] = await count(table);
  }
  return { rows, stepSeconds, seconds: seconds(performance.now() - started) };
}

/**
 * The openings of one chunk of shares' links, and their hourly and daily rollups, in one statement:
 * the rollups are grouped from exactly the rows inserted, with the click writer's counting rules
 * (src/links/store.ts). By construction each first visit is a new visitor (unique, and that day's
 * visitor); a repeat within 20 minutes is not unique, and a visitor again only past midnight UTC.
 */
function clicksOfChunk(NOW: string, chunk: number): string {
  const rollup = (table: string, bucket: string, expression: string) => `
    insert into ${table} (${bucket}, share_id, person_id, item_type, story_id, vacancy_id, campaign_id, network, audience_id, department_id, persona_key,
      human_clicks, unique_clicks, visitors, previews, bot_clicks)
    select ${expression}, share_id, person_id, item_type, story_id, vacancy_id, campaign_id, network, audience_id, department_id, persona_key,
      count(*) filter (where not bot), count(*) filter (where not bot and is_unique), count(*) filter (where not bot and first_of_day),
      count(*) filter (where kind = 'preview'), count(*) filter (where bot and kind <> 'preview')
    from flagged
    group by 1, share_id, person_id, item_type, story_id, vacancy_id, campaign_id, network, audience_id, department_id, persona_key
    order by 1, share_id
    returning 1`;
  const opened = `shared_at + (-ln(1 - r_time) * 129600) * interval '1 second'`;
  return `
    with base as (
      select p.n, p.id as share_id, p.code, p.at as shared_at, p.person_id, p.item_type, p.story_id, p.vacancy_id, p.campaign_id, p.network,
        p.audience_id, p.department_id, p.persona_key, j,
        random() as r_kind, random() as r_time, random() as r_fold, random() as r_repeat, random() as r_gap, random() as r_device
      from bench_share_plan p cross join lateral generate_series(1, p.clicks) j
      where p.chunk = ${chunk}
    ), timed as (
      select base.*,
        case when r_kind < 0.05 then 'preview' when r_kind < 0.09 then 'bot' when r_kind < 0.10 then 'head' else 'visit' end as kind,
        case when r_kind < 0.05 then shared_at + (5 + r_time * 120) * interval '1 second'
          when ${opened} <= ${NOW} then ${opened}
          else shared_at + r_fold * (${NOW} - shared_at) end as first_at
      from base
    ), expanded as (
      select timed.*, k, case when k = 0 then first_at else first_at + (60 + r_gap * 1140) * interval '1 second' end as occurred_at
      from timed cross join lateral generate_series(0, case when kind = 'visit' and r_repeat < 0.08 and first_at + interval '20 minutes' <= ${NOW} then 1 else 0 end) k
    ), flagged as (
      select expanded.*, kind <> 'visit' as bot, kind = 'visit' and k = 0 as is_unique,
        kind = 'visit' and (k = 0 or (occurred_at at time zone 'UTC')::date <> (first_at at time zone 'UTC')::date) as first_of_day
      from expanded
    ), stored as (
      insert into clicks (id, link_code, share_id, occurred_at, bot, kind, device, referrer_host, visitor_hash, unique_click)
      select gen_random_uuid(), code, share_id, occurred_at, bot, kind,
        case when bot then null when r_device < 0.55 then 'mobile' when r_device < 0.9 then 'desktop' else 'tablet' end,
        case when bot then null when network = 'linkedin' then 'www.linkedin.com' when network = 'facebook' then 'l.facebook.com' when network = 'x' then 't.co' end,
        case when bot then null else md5(n || ':' || j) end,
        case when bot then null else is_unique end
      from flagged
      order by occurred_at
      returning 1
    ), hourly as (${rollup('click_rollups_hourly', 'hour', `date_trunc('hour', occurred_at at time zone 'UTC') at time zone 'UTC'`)}),
    daily as (${rollup('click_rollups_daily', 'day', `(occurred_at at time zone 'UTC')::date`)})
    select (select count(*) from stored)::int as clicks, (select count(*) from hourly)::int as hourly, (select count(*) from daily)::int as daily`;
}

/**
 * Candidates' journeys: 1 to 10 human clicks each (around four or five as a rule), drawn from the
 * stored visits and kept within a fortnight, then what followed — an application (most often after
 * an apply started, one in ten a hire weeks later), or a lead or sign-up — each conversion with its
 * touchpoints and credit under the three models. And twice as many applications without any click
 * (not through advocacy).
 */
async function conversionsOf(database: Database, run: (...texts: string[]) => Promise<void>, NOW: string, journeys: number): Promise<void> {
  await run(
    `drop table if exists bench_journey`,
    `create table bench_journey as
     with planned as (select m, 1 + floor(9 * power(random(), 1.4))::int as touches from generate_series(0, ${journeys - 1}) m)
     select m, touches, sum(touches) over (order by m) - touches as start from planned`,
  );
  const [need] = await database.query<{ touches: number; visits: number }>(
    `select (select sum(touches) from bench_journey)::bigint as touches, (select sum(human_clicks) from click_rollups_daily)::bigint as visits`,
  );
  const percent = Math.min(100, ((Number(need?.touches ?? 0) * 1.3) / Math.max(1, Number(need?.visits ?? 1))) * 100);
  const dims = 'share_id, person_id, item_type, story_id, vacancy_id, campaign_id, network, audience_id, department_id, persona_key';
  await run(
    `drop table if exists bench_touch`,
    `create table bench_touch as
     with sampled as (
       select c.id as click_id, c.share_id, c.occurred_at from clicks c tablesample bernoulli (${percent.toFixed(4)}) repeatable (42) where c.kind = 'visit'
     ), ordered as (
       select sampled.*, row_number() over (order by floor(extract(epoch from occurred_at) / 1209600), random()) - 1 as rn from sampled
     ), slots as (
       select j.m, j.start + pos - 1 as rn from bench_journey j cross join lateral generate_series(1, j.touches) pos
     )
     select s.m, o.click_id, o.occurred_at, r.person_id, r.item_type, r.story_id, r.vacancy_id, r.campaign_id, r.network, r.audience_id, r.department_id,
       r.persona_key, o.share_id,
       row_number() over (partition by s.m order by o.occurred_at, o.click_id) as position, count(*) over (partition by s.m) as touches
     from slots s join ordered o on o.rn = s.rn join shares r on r.id = o.share_id`,
    `create index bench_touch_m_idx on bench_touch (m)`,
    `drop table if exists bench_conversion`,
    `create table bench_conversion as
     with journey as (
       select m, min(occurred_at) as first_at, max(occurred_at) as last_at, count(*)::int as touches, array_agg(click_id order by position) as click_ids,
         (array_agg(vacancy_id order by position) filter (where vacancy_id is not null))[1] as vacancy_id, random() as r_delay
       from bench_touch group by m
     ), applied as (
       select journey.*, least(last_at + (1 + r_delay * 71) * interval '1 hour', ${NOW}) as applied_at from journey
     )
     select ${uuidSql(`'bench-conversion-' || m || '-' || t.type`)} as id, m, t.type, t.at as occurred_at, first_at, last_at, touches, click_ids,
       coalesce(vacancy_id, ${uuidSql(`'bench-vacancy-' || (m * 7 % ${VACANCIES})`)}) as vacancy_id
     from applied cross join lateral (values
       (case m % 20 when 0 then 'lead' when 1 then 'signup' else 'application' end, applied_at),
       (case when m % 20 > 1 and m % 5 < 3 then 'apply_started' end, greatest(last_at, applied_at - interval '10 minutes')),
       (case when m % 20 > 1 and m % 10 = 2 and applied_at + (20 + m % 30) * interval '1 day' <= ${NOW} then 'hire' end, applied_at + (20 + m % 30) * interval '1 day')
     ) t(type, at)
     where t.type is not null`,
    `insert into conversions (id, external_id, type, source, occurred_at, received_at, vacancy_id, reported_click_ids, touchpoint_count, first_touch_at, last_touch_at)
     select id, 'bench-' || m || '-' || type, type, 'script', occurred_at, occurred_at, case when type in ('lead', 'signup') then null else vacancy_id end,
       click_ids, touches, first_at, last_at
     from bench_conversion
     union all
     select ${uuidSql(`'bench-direct-' || x`)}, 'bench-direct-' || x, 'application', 'api', at, at, ${uuidSql(`'bench-vacancy-' || (x * 13 % ${VACANCIES})`)},
       '{}', 0, null, null
     from (select x, ${NOW} - random() * interval '${HISTORY_DAYS} days' as at from generate_series(0, ${journeys * 2 - 1}) x) d`,
    `insert into conversion_touchpoints (conversion_id, click_id, position, occurred_at, ${dims}, credit_first, credit_last, credit_linear)
     select c.id, t.click_id, t.position, t.occurred_at, t.${dims.split(', ').join(', t.')},
       case when t.position = 1 then 1 else 0 end, case when t.position = t.touches then 1 else 0 end, 1.0 / t.touches
     from bench_conversion c join bench_touch t on t.m = c.m`,
    `drop table bench_touch`,
    `drop table bench_journey`,
    `drop table bench_conversion`,
  );
}

interface Measured {
  name: string;
  path: string;
  status: number;
  /** The first request (every cache cold). */
  firstMs: number;
  requests: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  overTarget: boolean | null;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** The dashboard views the web app asks for, with filters; department, campaign and the rest by their seeded ids. */
function dashboardRequests(now: Date): { name: string; path: string }[] {
  const today = dateOnly(now.getTime());
  const year = `from=${dateOnly(now.getTime() - 364 * DAY_MS)}&to=${today}`;
  const quarter = `from=${dateOnly(now.getTime() - 90 * DAY_MS)}&to=${today}`;
  const department = `department=${uuidOf('bench-department-3')}`;
  const location = `location=${uuidOf('bench-location-2')}`;
  const theme = `theme=${uuidOf('bench-theme-4')}`;
  const campaign = `campaign=${uuidOf('bench-campaign-20')}`;
  const a = '/api/v1/analytics';
  const dimensions = ['department', 'location', 'persona', 'theme', 'format', 'campaign', 'network', 'audience'];
  return [
    { name: 'overview (last 28 days, vs previous)', path: `${a}/overview` },
    { name: 'overview, a year', path: `${a}/overview?${year}` },
    { name: 'overview, department', path: `${a}/overview?${department}` },
    { name: 'overview, persona + network', path: `${a}/overview?persona=loyal_fan&network=linkedin` },
    { name: 'overview, location', path: `${a}/overview?${location}` },
    { name: 'overview, theme + format, a quarter', path: `${a}/overview?${theme}&format=interview&${quarter}` },
    { name: 'overview, campaign, a year', path: `${a}/overview?${campaign}&${year}` },
    { name: 'overview, audience', path: `${a}/overview?audience=candidates` },
    { name: 'overview as CSV', path: `${a}/overview?format=csv` },
    ...dimensions.map((by) => ({ name: `breakdown by ${by}`, path: `${a}/breakdown?by=${by}` })),
    ...dimensions.map((by) => ({ name: `breakdown by ${by}, a year`, path: `${a}/breakdown?by=${by}&${year}` })),
    { name: 'breakdown by persona, department', path: `${a}/breakdown?by=persona&${department}` },
    { name: 'breakdown by department, theme', path: `${a}/breakdown?by=department&${theme}` },
    { name: 'timeseries by day (28 days)', path: `${a}/timeseries?interval=day` },
    { name: 'timeseries by day, department', path: `${a}/timeseries?interval=day&${department}` },
    { name: 'timeseries by week, a quarter', path: `${a}/timeseries?interval=week&${quarter}` },
    { name: 'timeseries by month, a year', path: `${a}/timeseries?interval=month&${year}` },
    { name: 'timeseries by day, a year', path: `${a}/timeseries?interval=day&${year}` },
    { name: 'recruitment (28 days)', path: `${a}/recruitment` },
    { name: 'recruitment, a year', path: `${a}/recruitment?${year}` },
    { name: 'programme (28 days)', path: `${a}/programme` },
    { name: 'programme, department', path: `${a}/programme?${department}` },
    { name: 'programme, a year', path: `${a}/programme?${year}` },
    { name: 'leaderboard by team', path: `${a}/leaderboard?by=team` },
    { name: 'leaderboard by department', path: `${a}/leaderboard?by=department` },
  ];
}

/** One request at a time: a first (cold) one, then `REPEAT` measured. A view that answers 404 is not there (yet). */
async function measure(base: string, cookie: string, request: { name: string; path: string }, engine: Engine): Promise<Measured> {
  const once = async () => {
    const t0 = performance.now();
    const response = await fetch(base + request.path, { headers: { cookie } });
    await response.arrayBuffer();
    return { ms: performance.now() - t0, status: response.status };
  };
  const first = await once();
  if (first.status !== 200) return { ...request, status: first.status, firstMs: round(first.ms), requests: 1, p50Ms: null, p95Ms: null, maxMs: null, overTarget: null };
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) times.push((await once()).ms);
  times.sort((x, y) => x - y);
  const p95 = round(percentile(times, 95));
  return { ...request, status: 200, firstMs: round(first.ms), requests: REPEAT, p50Ms: round(percentile(times, 50)), p95Ms: p95, maxMs: round(times.at(-1) ?? 0), overTarget: p95 > targetMs(engine) };
}

interface TracedQuery {
  text: string;
  values: unknown[];
  ms: number;
}

/**
 * Runs one request with every query the app sends timed (an instance wrapper on this benchmark's own
 * pool or PGlite), then EXPLAIN ANALYZE on the slowest: what to fix when a view is over its target.
 */
async function slowestQuery(database: Database, run: () => Promise<unknown>): Promise<{ ms: number; query: string; plan: string[] } | null> {
  const client = (database.pool ?? database.pglite) as unknown as { query: (...args: unknown[]) => unknown } | null;
  if (!client) return null;
  const traced: TracedQuery[] = [];
  const original = client.query;
  client.query = function (this: unknown, ...args: unknown[]) {
    const t0 = performance.now();
    const first = args[0] as string | { text: string; values?: unknown[] };
    const text = typeof first === 'string' ? first : first.text;
    const values = (Array.isArray(args[1]) ? args[1] : typeof first === 'object' ? first.values : undefined) ?? [];
    const result = original.apply(this, args);
    if (result instanceof Promise) result.then(() => traced.push({ text, values, ms: performance.now() - t0 }), () => {});
    return result;
  };
  try {
    await run();
  } finally {
    client.query = original;
  }
  // Timed from the client, a query also waits for the others of its request (PGlite runs one at a
  // time, PostgreSQL shares two cores here): every distinct query is explained, the longest execution wins.
  const distinct = [...new Map(traced.filter((q) => /^\s*(select|with)/i.test(q.text)).map((q) => [q.text + JSON.stringify(q.values), q])).values()];
  let slowest: { query: TracedQuery; executionMs: number; lines: string[] } | null = null;
  for (const query of distinct) {
    const plan = await database.query<Record<string, string>>(`explain (analyze, buffers) ${query.text}`, query.values);
    const lines = plan.map((row) => String(Object.values(row)[0] ?? ''));
    const executionMs = Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? 0);
    if (!slowest || executionMs > slowest.executionMs) slowest = { query, executionMs, lines };
  }
  if (!slowest) return null;
  // The top of the plan (where the time goes) and the totals.
  const summary = [...slowest.lines.slice(0, 25), ...slowest.lines.filter((line) => /Planning Time|Execution Time/.test(line))];
  return { ms: round(slowest.executionMs), query: slowest.query.text.replace(/\s+/g, ' ').slice(0, 1_500), plan: summary };
}

/**
 * The baseline: figures a dashboard without rollups would compute from the raw clicks (joined to
 * shares for the dimensions), against the same figures from the daily rollups. Equal figures also
 * show that the generated rollups agree with the generated clicks.
 */
async function baseline(database: Database, now: Date): Promise<Record<string, unknown>[]> {
  const today = dateOnly(now.getTime());
  const from28 = dateOnly(now.getTime() - 27 * DAY_MS);
  const fromYear = dateOnly(now.getTime() - 364 * DAY_MS);
  const department = uuidOf('bench-department-3');
  const rawTotals = (from: string, where = '') => `
    select count(*) filter (where not c.bot)::bigint as human, count(*) filter (where c.unique_click)::bigint as unique,
      count(distinct (c.link_code, c.visitor_hash, (c.occurred_at at time zone 'UTC')::date)) filter (where not c.bot)::bigint as visitors,
      count(*) filter (where c.bot and c.kind <> 'preview')::bigint as bot
    from clicks c ${where ? 'join shares s on s.id = c.share_id' : ''}
    where c.occurred_at >= '${from}'::date and c.occurred_at < '${today}'::date + 1 ${where}`;
  const rollupTotals = (from: string, where = '') => `
    select sum(human_clicks)::bigint as human, sum(unique_clicks)::bigint as unique, sum(visitors)::bigint as visitors, sum(bot_clicks)::bigint as bot
    from click_rollups_daily r where r.day between '${from}' and '${today}' ${where.replaceAll('s.', 'r.')}`;
  const rawByDepartment = `
    select s.department_id::text as key, count(*) filter (where not c.bot)::bigint as human, count(*) filter (where c.unique_click)::bigint as unique
    from clicks c join shares s on s.id = c.share_id
    where c.occurred_at >= '${fromYear}'::date and c.occurred_at < '${today}'::date + 1 group by 1 order by 1`;
  const rollupByDepartment = `
    select r.department_id::text as key, sum(human_clicks)::bigint as human, sum(unique_clicks)::bigint as unique
    from click_rollups_daily r where r.day between '${fromYear}' and '${today}' group by 1 order by 1`;
  const rawByDay = `
    select (c.occurred_at at time zone 'UTC')::date::text as key, count(*) filter (where not c.bot)::bigint as human
    from clicks c where c.occurred_at >= '${fromYear}'::date and c.occurred_at < '${today}'::date + 1 group by 1 order by 1`;
  const rollupByDay = `select r.day::text as key, sum(human_clicks)::bigint as human from click_rollups_daily r where r.day between '${fromYear}' and '${today}' group by 1 order by 1`;
  const cases = [
    { name: 'click totals, last 28 days', raw: rawTotals(from28), rollup: rollupTotals(from28) },
    { name: 'click totals, a year', raw: rawTotals(fromYear), rollup: rollupTotals(fromYear) },
    { name: 'click totals, a year, one department', raw: rawTotals(fromYear, `and s.department_id = '${department}'`), rollup: rollupTotals(fromYear, `and s.department_id = '${department}'`) },
    { name: 'clicks by department, a year', raw: rawByDepartment, rollup: rollupByDepartment },
    { name: 'human clicks per day, a year', raw: rawByDay, rollup: rollupByDay },
  ];
  const out = [];
  for (const item of cases) {
    const timed = async (text: string) => {
      const times: number[] = [];
      let rows: unknown[] = [];
      for (let i = 0; i < BASELINE_REPEAT; i++) {
        const t0 = performance.now();
        rows = await database.query(text);
        times.push(performance.now() - t0);
      }
      times.sort((x, y) => x - y);
      return { rows, p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)) };
    };
    const raw = await timed(item.raw);
    const rollup = await timed(item.rollup);
    // Visitors differ by design over a range: the rollups sum daily uniques, the raw count is per day as well.
    const equal = JSON.stringify(raw.rows) === JSON.stringify(rollup.rows);
    const result = { name: item.name, rawClicks: { p50Ms: raw.p50Ms, p95Ms: raw.p95Ms }, rollups: { p50Ms: rollup.p50Ms, p95Ms: rollup.p95Ms }, figuresEqual: equal, ...(equal ? {} : { raw: raw.rows.slice(0, 3), rollup: rollup.rows.slice(0, 3) }) };
    console.log(`baseline ${item.name}: raw clicks p50 ${raw.p50Ms} ms / p95 ${raw.p95Ms} ms; rollups p50 ${rollup.p50Ms} ms / p95 ${rollup.p95Ms} ms; figures equal: ${equal}`);
    out.push(result);
  }
  return out;
}

/**
 * PostgreSQL compiles a query with JIT once its estimated cost passes jit_above_cost (100,000 by
 * default), and dashboard queries over a year of rollups do: the compile can take longer than the
 * query. The over-target views again, on the benchmark's own database with `jit = off` (what a
 * deployment, or Podium's pool, could set), measured the same way.
 */
async function jitOffPass(database: Database, base: string, editor: string, admin: string, requests: Measured[], engine: Engine): Promise<Record<string, unknown>> {
  const [current] = await database.query<{ name: string }>('select current_database() as name');
  await database.query(`alter database "${current?.name}" set jit = off`);
  // The pool closes clients idle for 10 s; the new ones start with the database's setting.
  await new Promise((resolve) => setTimeout(resolve, 11_000));
  const [setting] = await database.query<{ jit: string }>('show jit');
  const again: Measured[] = [];
  for (const request of requests.filter((r) => r.overTarget)) {
    const measured = await measure(base, request.path.includes('leaderboard') ? admin : editor, request, engine);
    again.push(measured);
    console.log(`${engine} with jit = off (${setting?.jit}) ${request.name}: first ${measured.firstMs} ms, p50 ${measured.p50Ms} ms, p95 ${measured.p95Ms} ms${measured.overTarget ? '  OVER TARGET' : ''}`);
  }
  return { jit: setting?.jit, requests: again, stillOverTarget: again.filter((r) => r.overTarget).map((r) => r.name) };
}

async function runEngine(engine: Engine): Promise<Record<string, unknown>> {
  const now = new Date();
  let seeded: SeedReport | null = null;
  return withPodium(
    engine,
    async (database) => {
      seeded = await seed(database, engine, now);
      console.log(`${engine}: seeded in ${seeded.seconds} s:`, seeded.rows);
    },
    async ({ database, base }) => {
      const editor = `podium_session=${await createSession(database.db, uuidOf('bench-staff-editor'), 'bench', new Date())}`;
      const admin = `podium_session=${await createSession(database.db, uuidOf('bench-staff-admin'), 'bench', new Date())}`;
      const requests: Measured[] = [];
      const only = process.env.PODIUM_BENCH_ONLY ? new RegExp(process.env.PODIUM_BENCH_ONLY) : null;
      for (const request of dashboardRequests(now).filter((r) => !only || only.test(r.name))) {
        // Editors read the dashboards; leaderboards are read as an admin (who can also switch them on).
        const measured = await measure(base, request.path.includes('leaderboard') ? admin : editor, request, engine);
        requests.push(measured);
        const figures = measured.status === 200 ? `first ${measured.firstMs} ms, p50 ${measured.p50Ms} ms, p95 ${measured.p95Ms} ms${measured.overTarget ? '  OVER TARGET' : ''}` : `status ${measured.status} (not measured)`;
        console.log(`${engine} ${request.name}: ${figures}`);
      }
      const slowQueries = [];
      for (const over of requests.filter((r) => r.overTarget)) {
        const found = await slowestQuery(database, () => fetch(base + over.path, { headers: { cookie: editor } }).then((r) => r.arrayBuffer()));
        if (found) {
          slowQueries.push({ request: over.name, path: over.path, ...found });
          console.log(`${engine} slowest query of "${over.name}" (${found.ms} ms):\n  ${found.query.slice(0, 400)}\n  ${found.plan.join('\n  ')}`);
        }
      }
      const withoutJit = engine === 'postgres' && process.env.PODIUM_BENCH_JIT_PASS !== '0' ? await jitOffPass(database, base, editor, admin, requests, engine) : null;
      const measured = requests.filter((r) => r.status === 200);
      return {
        withoutJit,
        clicks: clicksFor(engine),
        seed: seeded,
        targetMs: targetMs(engine),
        requests,
        measuredViews: measured.length,
        notMeasured: requests.filter((r) => r.status !== 200).map((r) => `${r.name}: ${r.status}`),
        worstP95Ms: Math.max(0, ...measured.map((r) => r.p95Ms ?? 0)),
        allWithinTarget: measured.length > 0 && measured.every((r) => !r.overTarget),
        slowQueries,
        baselineRawClicks: await baseline(database, now),
      };
    },
  );
}

if (import.meta.main) {
  const report: Record<string, unknown> = {
    at: new Date().toISOString(),
    people: PEOPLE,
    repeat: REPEAT,
    node: process.version,
    note: 'One request at a time over loopback on a shared two-core machine; other work ran alongside, so figures are noisy.',
    loadAverageAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
  };
  for (const engine of engines) report[engine] = await runEngine(engine);
  report.loadAverageAtEnd = loadavg().map((n) => Math.round(n * 100) / 100);
  // A run of one engine keeps the other engine's latest figures in the results file.
  const previous = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>) : {};
  const kept = Object.fromEntries((['postgres', 'pglite'] as const).filter((e) => !engines.includes(e) && previous[e]).map((e) => [e, previous[e]]));
  writeResult('analytics.json', { ...report, ...kept });
  console.log(JSON.stringify({ ...report, ...Object.fromEntries(engines.map((e) => [e, { ...(report[e] as object), requests: undefined }])) }, null, 2));
}
