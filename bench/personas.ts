// `npm run bench:personas` (first part): classify 50,000 people with realistic 90-day signal histories,
// on PostgreSQL and on PGlite. Target (PostgreSQL): everyone classified in ≤ 20 s.
// Baseline in the same run: the same classification one person at a time (the on-demand path: one
// gathering query and two upserts per person) on a sample of 500, extrapolated to everyone.
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.ts';
import { rowsOf } from '../src/db/rows.ts';
import { classifyEveryone, classifyPeople } from '../src/personas/service.ts';
import { type Engine, engines, withPodium, writeResult } from './support.ts';

const PEOPLE = Number(process.env.PODIUM_BENCH_PERSONAS_PEOPLE ?? 50_000);
const BASELINE_SAMPLE = 500;
const PUBLISHED_STORIES = 300;

/**
 * Ten archetypes by person number (i % 10), so every persona and the edges appear:
 * 0–2 long-tenured and silent (nudges pass them by), 3–4 read often and rarely share, 5–6 share
 * often (suggested texts as often as not) and are featured, 7–8 short tenure, big network, own
 * words, some write a column, 9 joined ten days ago. One in twenty answered the self-assessment.
 */
const kind = 'split_part(split_part(p.email, \'@\', 1), \'-\', 2)::int';

/** Every seeding step is one set-wise statement (random() seeded, so runs are alike). */
export async function seed(database: Database): Promise<Record<string, number>> {
  const run = (text: string) => database.db.execute(sql.raw(text));
  await run('select setseed(0.42)');
  await run(`
    insert into people (id, email, name, roles, ambassador_status, language, created_at, updated_at, start_date, network_size)
    select gen_random_uuid(), 'bench-' || i || '@bench.example', 'Colleague ' || i, '{ambassador}', 'active',
      case when i % 3 = 0 then 'nl' else 'en' end,
      now() - (case when i % 10 = 9 then 10 else 120 + i % 200 end) * interval '1 day', now(),
      case when i % 17 = 0 then null else current_date - (case
        when i % 10 <= 2 then 3650 + (i * 37) % 7300
        when i % 10 <= 4 then 730 + (i * 37) % 2920
        when i % 10 <= 6 then 365 + (i * 37) % 6935
        when i % 10 <= 8 then 100 + (i * 37) % 1000
        else (i * 37) % 60 end) end,
      case when i % 3 = 1 then null else (case
        when i % 10 <= 2 then 30 + (i * 13) % 170
        when i % 10 <= 4 then 100 + (i * 13) % 500
        when i % 10 <= 6 then 200 + (i * 13) % 1300
        when i % 10 <= 8 then 1000 + (i * 13) % 7000
        else null end) end
    from generate_series(0, ${PEOPLE - 1}) i`);
  // Feed visits and story reads: days with activity at a rate per archetype.
  await run(`
    insert into activity_daily (person_id, day, feed_visits, story_reads)
    select x.id, current_date - d, 1 + floor(random() * 3)::int, floor(random() * 3)::int
    from (select p.id, ${kind} % 10 as k from people p where p.email like 'bench-%') x
    cross join generate_series(1, 90) d
    where random() < case when x.k <= 2 then 0.01 when x.k <= 4 then 0.3 when x.k <= 6 then 0.25 when x.k <= 8 then 0.2 when d <= 10 then 0.3 else 0 end`);
  await run(`
    insert into stories (id, translation_group_id, language, format, status, title, slug, summary, published_at, created_at, updated_at)
    select gen_random_uuid(), gen_random_uuid(), 'en', 'interview', 'published', 'Story ' || i, 'bench-story-' || i, 'A day at work',
      now() - (i % 120) * interval '1 day', now() - (i % 120 + 5) * interval '1 day', now()
    from generate_series(0, ${PUBLISHED_STORIES - 1}) i`);
  // Shares: often for 5–6 (40 % personalised), for 7–8 (85 % personalised), one copied share for a tenth of 3–4.
  await run(`
    insert into shares (id, person_id, item_type, story_id, network, text, personalised, similarity, created_at)
    select gen_random_uuid(), x.id, 'story', st.id, 'linkedin', 'Proud of this story', 
      case when x.k <= 4 then false when x.k <= 6 then random() < 0.4 else random() < 0.85 end, 0.5,
      now() - random() * 89 * interval '1 day'
    from (select p.id, ${kind} as i, ${kind} % 10 as k from people p where p.email like 'bench-%') x
    cross join lateral generate_series(1, case when x.k between 5 and 6 then 3 + x.i % 10 when x.k between 7 and 8 then 2 + x.i % 9
      when x.k between 3 and 4 and (x.i / 10) % 10 = 0 then 1 else 0 end) n
    join (select id, (row_number() over (order by slug) - 1)::int as r from stories where slug like 'bench-story-%') st on st.r = (x.i * 7 + n) % ${PUBLISHED_STORIES}`);
  await run(`
    insert into story_featured (story_id, person_id, quote, approval)
    select st.id, x.id, 'Great to work here', 'approved'
    from (select p.id, ${kind} as i from people p where p.email like 'bench-%') x
    join (select id, (row_number() over (order by slug) - 1)::int as r from stories where slug like 'bench-story-%') st on st.r = x.i % ${PUBLISHED_STORIES}
    where x.i % 10 between 5 and 6 and x.i % 5 = 0`);
  await run(`
    insert into stories (id, translation_group_id, language, format, status, title, slug, summary, author_id, created_at, updated_at)
    select gen_random_uuid(), gen_random_uuid(), 'en', 'column', 'draft', 'My column ' || x.i, 'bench-column-' || x.i, '', x.id,
      now() - (x.i % 80) * interval '1 day', now()
    from (select p.id, ${kind} as i from people p where p.email like 'bench-%') x where x.i % 10 between 7 and 8 and x.i % 4 = 0`);
  await run(`
    insert into nudge_templates (id, key, trigger, personas, channel, texts, created_at, updated_at)
    values (gen_random_uuid(), 'bench-template', 'inactive', '{unknown}', 'email', '{"en":{"subject":"S","body":"B","action":"A"},"nl":{"subject":"S","body":"B","action":"A"}}', now(), now())`);
  // Sent nudges: three for the silent, two for the sharers (their shares may follow within a week).
  await run(`
    insert into nudges (id, template_id, person_id, persona, send_key, channel, status, scheduled_for, created_at, sent_at)
    select gen_random_uuid(), (select id from nudge_templates where key = 'bench-template'), x.id, 'unknown', gen_random_uuid()::text, 'email', 'sent',
      now() - (10 + n * 20) * interval '1 day', now() - (10 + n * 20) * interval '1 day', now() - (10 + n * 20) * interval '1 day'
    from (select p.id, ${kind} % 10 as k from people p where p.email like 'bench-%') x
    cross join lateral generate_series(1, case when x.k <= 2 then 3 when x.k between 5 and 6 then 2 else 0 end) n`);
  await run(`
    insert into persona_assessments (person_id, answers, answered_at)
    select x.id, jsonb_build_object('linkedinUse', 1 + x.i % 5, 'postingComfort', 1 + (x.i / 20) % 5, 'pride', 1 + (x.i / 7) % 5, 'careerOpenness', 1 + (x.i / 3) % 5),
      now() - interval '30 days'
    from (select p.id, ${kind} as i from people p where p.email like 'bench-%') x where x.i % 20 = 0`);
  const count = async (table: string) => Number(rowsOf<{ n: number }>(await run(`select count(*)::int as n from ${table}`))[0]?.n ?? 0);
  return {
    people: await count('people'),
    activityDays: await count('activity_daily'),
    shares: await count('shares'),
    stories: await count('stories'),
    featured: await count('story_featured'),
    nudges: await count('nudges'),
    assessments: await count('persona_assessments'),
  };
}

const seconds = (ms: number) => Math.round(ms / 10) / 100;

async function runEngine(engine: Engine): Promise<Record<string, unknown>> {
  let rows: Record<string, number> = {};
  let seedSeconds = 0;
  return withPodium(
    engine,
    async (database) => {
      const started = performance.now();
      rows = await seed(database);
      seedSeconds = seconds(performance.now() - started);
      console.log(`${engine}: seeded ${JSON.stringify(rows)} in ${seedSeconds} s`);
    },
    async ({ ctx, database }) => {
      let started = performance.now();
      const first = await classifyEveryone(ctx);
      const firstSeconds = seconds(performance.now() - started);
      console.log(`${engine}: first run (nobody classified yet): ${first.people} people in ${firstSeconds} s`, first.byPersona);
      started = performance.now();
      const second = await classifyEveryone(ctx);
      const secondSeconds = seconds(performance.now() - started);
      console.log(`${engine}: nightly run (everyone classified before): ${second.people} people in ${secondSeconds} s, ${second.changed} changed`);

      // Baseline: one person at a time, on every (n/500)th person, extrapolated to everyone.
      const ids = rowsOf<{ id: string }>(await database.db.execute(sql`select id from people order by id`)).map((r) => r.id);
      const step = Math.max(1, Math.floor(ids.length / BASELINE_SAMPLE));
      const sample = ids.filter((_, i) => i % step === 0).slice(0, BASELINE_SAMPLE);
      started = performance.now();
      for (const id of sample) await classifyPeople(ctx, [id]);
      const sampleMs = performance.now() - started;
      const perPersonMs = sampleMs / sample.length;
      const baseline = {
        label: `baseline: one person at a time (one gathering query and two upserts each), ${sample.length} people measured, extrapolated to ${ids.length}`,
        sample: sample.length,
        sampleSeconds: seconds(sampleMs),
        perPersonMs: Math.round(perPersonMs * 100) / 100,
        extrapolatedSeconds: seconds(perPersonMs * ids.length),
      };
      console.log(`${engine}: ${baseline.label}: ${baseline.perPersonMs} ms each → ${baseline.extrapolatedSeconds} s`);
      return {
        rows,
        seedSeconds,
        firstRun: { seconds: firstSeconds, people: first.people, batches: first.batches, peoplePerSecond: Math.round(first.people / firstSeconds), byPersona: first.byPersona },
        nightlyRun: { seconds: secondSeconds, people: second.people, batches: second.batches, changed: second.changed, peoplePerSecond: Math.round(second.people / secondSeconds), byPersona: second.byPersona },
        baselineOneAtATime: baseline,
        speedupOverBaseline: Math.round((baseline.extrapolatedSeconds / Math.max(firstSeconds, secondSeconds)) * 10) / 10,
      };
    },
  );
}

if (import.meta.main) await main();

async function main(): Promise<void> {
  const report: Record<string, unknown> = { at: new Date().toISOString(), people: PEOPLE, node: process.version, loadAverageAtStart: loadavg().map((n) => Math.round(n * 100) / 100) };
  for (const engine of engines) report[engine] = await runEngine(engine);
  report.loadAverageAtEnd = loadavg().map((n) => Math.round(n * 100) / 100);
  const slowest = (engine: Engine) => {
    const r = report[engine] as { firstRun: { seconds: number }; nightlyRun: { seconds: number } } | undefined;
    return r ? Math.max(r.firstRun.seconds, r.nightlyRun.seconds) : null;
  };
  report.targets = { classify50000AtMost20sPostgres: slowest('postgres') === null ? 'not run' : (slowest('postgres') as number) <= 20 };
  writeResult('personas.json', report);
  console.log(JSON.stringify(report, null, 2));
}
