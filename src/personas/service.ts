import { isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import type { PersonaKey } from '../db/schema/engagement.ts';
import { people } from '../db/schema/index.ts';
import { pgArray } from '../links/store.ts';
import { answersOf } from './assessment.ts';
import { forgetReader } from '../sharing/feed.ts';
import { classify, decide, featuresOf, type PersonaSignals, type PersonaState, reasonsFor, weekOf } from './model.ts';

/** The window the model looks at. */
export const WINDOW_DAYS = 90;
/** People per batch: one gathering query and two bulk upserts each. */
export const BATCH_SIZE = 5_000;
const DAY_MS = 86_400_000;

/** What one batch query answers per person. */
interface SignalRow {
  id: string;
  start_date: string | null;
  network_size: number | null;
  created_ms: number;
  feed_visits: number;
  story_reads: number;
  active_days: number;
  shares: number;
  personalised: number;
  authored: number;
  featured: number;
  nudges_sent: number;
  nudges_followed: number;
  answers: unknown;
  answered_ms: number | null;
  persona: PersonaKey | null;
  since_ms: number | null;
  challenger: PersonaKey | null;
  challenger_wins: number | null;
  computed_ms: number | null;
}

/** Which people a batch covers. */
type Selection = { ids: readonly string[] };

const uuids = (ids: readonly string[]) => sql`${pgArray(ids)}::uuid[]`;

/**
 * Every signal of a batch of people in ONE query: the batch (keyset on id) and one grouped
 * aggregate per source, each reading only the batch's people through their person indexes.
 */
export async function gatherSignals(tx: Tx, selection: Selection, now: Date): Promise<SignalRow[]> {
  const from = new Date(now.getTime() - WINDOW_DAYS * DAY_MS);
  const fromIso = from.toISOString();
  const fromDay = fromIso.slice(0, 10);
  // Upper bounds too: a run on a moved clock (the demo replays past weeks) sees only what existed then.
  const toIso = now.toISOString();
  const toDay = toIso.slice(0, 10);
  const batch = sql`select p.id, p.start_date, p.network_size, p.created_at from people p where p.id = any(${uuids(selection.ids)}) and p.erased_at is null`;
  // Per person in the batch, each source is read through its person index (lateral), so the plan
  // stays a few thousand index probes; only stories (a short table without a person index) are
  // grouped once per batch.
  const result = await tx.execute(sql`
    with batch as materialized (${batch}),
    authored as (
      select w.person_id, count(distinct w.story_id)::int as n from (
        select st.author_id as person_id, st.id as story_id from stories st where st.author_id in (select id from batch) and st.created_at >= ${fromIso}::timestamptz and st.created_at <= ${toIso}::timestamptz
        union all
        select st.submitted_by, st.id from stories st where st.submitted_by in (select id from batch) and st.created_at >= ${fromIso}::timestamptz and st.created_at <= ${toIso}::timestamptz
      ) w group by w.person_id
    )
    select b.id, b.start_date::text as start_date, b.network_size,
      (extract(epoch from b.created_at) * 1000)::float8 as created_ms,
      coalesce(act.feed_visits, 0) as feed_visits, coalesce(act.story_reads, 0) as story_reads, coalesce(act.active_days, 0) as active_days,
      coalesce(sh.shares, 0) as shares, coalesce(sh.personalised, 0) as personalised,
      coalesce(authored.n, 0) as authored, coalesce(featured.n, 0) as featured,
      coalesce(nud.sent, 0) as nudges_sent, coalesce(nud.followed, 0) as nudges_followed,
      pa.answers, (extract(epoch from pa.answered_at) * 1000)::float8 as answered_ms,
      pp.persona, (extract(epoch from pp.since) * 1000)::float8 as since_ms, pp.challenger, pp.challenger_wins,
      (extract(epoch from pp.computed_at) * 1000)::float8 as computed_ms
    from batch b
    cross join lateral (
      select sum(a.feed_visits)::int as feed_visits, sum(a.story_reads)::int as story_reads, count(*)::int as active_days
      from activity_daily a where a.person_id = b.id and a.day >= ${fromDay}::date and a.day <= ${toDay}::date and (a.feed_visits > 0 or a.story_reads > 0)
    ) act
    cross join lateral (
      select count(*)::int as shares, (count(*) filter (where s.personalised))::int as personalised
      from shares s where s.person_id = b.id and s.created_at >= ${fromIso}::timestamptz and s.created_at <= ${toIso}::timestamptz
    ) sh
    cross join lateral (
      select count(*)::int as n from story_featured sf join stories st on st.id = sf.story_id
      where sf.person_id = b.id and st.status in ('published', 'archived') and st.published_at >= ${fromIso}::timestamptz and st.published_at <= ${toIso}::timestamptz
    ) featured
    cross join lateral (
      select count(*)::int as sent,
        (count(*) filter (where exists (
          select 1 from shares s where s.person_id = n.person_id and s.created_at > n.sent_at and s.created_at <= least(n.sent_at + interval '7 days', ${toIso}::timestamptz)
        )))::int as followed
      from nudges n where n.person_id = b.id and n.status = 'sent' and n.sent_at >= ${fromIso}::timestamptz and n.sent_at <= ${toIso}::timestamptz
    ) nud
    left join authored on authored.person_id = b.id
    left join persona_assessments pa on pa.person_id = b.id and pa.answered_at <= ${toIso}::timestamptz
    left join person_personas pp on pp.person_id = b.id
    order by b.id`);
  return rowsOf<SignalRow>(result);
}

/** Years between a yyyy-mm-dd start date and now; null when unknown (or in the future: not started yet counts as 0). */
function tenureOf(startDate: string | null, now: Date): number | null {
  if (!startDate) return null;
  const started = Date.parse(`${startDate}T00:00:00Z`);
  return Number.isNaN(started) ? null : Math.max(0, (now.getTime() - started) / (365.25 * DAY_MS));
}

/** A batch row as the model's signals. */
export function signalsOf(row: SignalRow, now: Date): PersonaSignals {
  return {
    feedVisits: Number(row.feed_visits),
    storyReads: Number(row.story_reads),
    activeDays: Number(row.active_days),
    shares: Number(row.shares),
    personalisedShares: Number(row.personalised),
    storiesAuthored: Number(row.authored),
    storiesFeatured: Number(row.featured),
    nudgesSent: Number(row.nudges_sent),
    nudgesFollowed: Number(row.nudges_followed),
    tenureYears: tenureOf(row.start_date, now),
    networkSize: row.network_size === null ? null : Number(row.network_size),
    observedDays: Math.max(0, Math.min(WINDOW_DAYS, Math.floor((now.getTime() - Number(row.created_ms)) / DAY_MS))),
    assessment: answersOf(row.answers),
  };
}

function previousOf(row: SignalRow): PersonaState | null {
  if (!row.persona || row.since_ms === null || row.computed_ms === null) return null;
  return { persona: row.persona, since: new Date(Number(row.since_ms)), challenger: row.challenger, challengerWins: Number(row.challenger_wins ?? 0), computedAt: new Date(Number(row.computed_ms)) };
}

/** What a run did. */
export interface ClassifyReport {
  people: number;
  batches: number;
  /** People whose persona changed in this run. */
  changed: number;
  byPersona: Record<PersonaKey, number>;
}

const emptyCounts = (): Record<PersonaKey, number> => ({ anchored: 0, loyal_fan: 0, cautious_mover: 0, job_hopper: 0, unknown: 0 });

/**
 * Classifies one batch: gather (one query), classify and apply the no-flip-flop rule (in memory),
 * then write every person's state and this week's history row (one bulk upsert each).
 */
async function classifyBatch(tx: Tx, selection: Selection, now: Date, report: ClassifyReport, options: { assessmentChanged?: boolean } = {}): Promise<void> {
  // The batch query's estimates (thousands of lateral probes) cross PostgreSQL's JIT threshold, and
  // compiling it costs seconds while running it takes well under one: no JIT for this transaction.
  await tx.execute(sql`set local jit = off`);
  const rows = await gatherSignals(tx, selection, now);
  if (rows.length === 0) return;
  const week = weekOf(now);
  const out = { ids: [] as string[], personas: [] as string[], since: [] as string[], scores: [] as string[], signals: [] as string[], reasons: [] as string[], challengers: [] as (string | null)[], wins: [] as number[] };
  for (const row of rows) {
    const signals = signalsOf(row, now);
    const result = classify(signals);
    const previous = previousOf(row);
    // A self-assessment answered since the last run is the person's own correction (see decide).
    const assessmentChanged = options.assessmentChanged || (row.answered_ms !== null && (previous === null || Number(row.answered_ms) > previous.computedAt.getTime()));
    const state = decide(previous, result, now, { assessmentChanged });
    if (previous?.persona !== state.persona) report.changed++;
    report.byPersona[state.persona]++;
    out.ids.push(row.id);
    out.personas.push(state.persona);
    out.since.push(state.since.toISOString());
    out.scores.push(JSON.stringify(result.scores));
    out.signals.push(JSON.stringify({ ...signals, assessment: undefined, assessmentAnswered: signals.assessment ? 1 : 0 }));
    // The reasons are those of the persona held: while a challenger waits, why the current type still fits, from today's signals.
    const reasons = state.persona === result.persona || state.persona === 'unknown' ? result.reasons : reasonsFor(state.persona, featuresOf(signals), signals);
    out.reasons.push(JSON.stringify(reasons));
    out.challengers.push(state.challenger);
    out.wins.push(state.challengerWins);
  }
  await tx.execute(sql`
    insert into person_personas (person_id, persona, since, scores, signals, reasons, challenger, challenger_wins, computed_at)
    select i.person_id, i.persona, i.since, i.scores::jsonb, i.signals::jsonb, i.reasons::jsonb, i.challenger, i.wins, ${now.toISOString()}::timestamptz
    from unnest(${uuids(out.ids)}, ${pgArray(out.personas)}::text[], ${pgArray(out.since)}::timestamptz[], ${pgArray(out.scores)}::text[],
      ${pgArray(out.signals)}::text[], ${pgArray(out.reasons)}::text[], ${pgArray(out.challengers)}::text[], ${pgArray(out.wins)}::int[])
      as i(person_id, persona, since, scores, signals, reasons, challenger, wins)
    on conflict (person_id) do update set persona = excluded.persona, since = excluded.since, scores = excluded.scores, signals = excluded.signals,
      reasons = excluded.reasons,
      challenger = excluded.challenger, challenger_wins = excluded.challenger_wins, computed_at = excluded.computed_at`);
  await tx.execute(sql`
    insert into persona_history (person_id, week, persona)
    select i.person_id, ${week}::date, i.persona from unnest(${uuids(out.ids)}, ${pgArray(out.personas)}::text[]) as i(person_id, persona)
    on conflict (person_id, week) do update set persona = excluded.persona`);
  report.people += rows.length;
  report.batches++;
}

/**
 * Batches classified side by side on PostgreSQL (each its own transaction and connection; batches
 * never share a person, so they never wait on each other). PGlite has one connection: one at a time.
 */
const parallelBatches = (ctx: AppContext) => (ctx.database.engine === 'postgres' ? 3 : 1);

/**
 * Classifies everyone (not erased) in batches of `batchSize`, each batch in its own transaction so
 * a long run never holds locks for long. The nightly job and the admin's "recompute" call this.
 * The ids are read once (a list of ids is small even for 50,000 people) and cut into batches.
 */
export async function classifyEveryone(ctx: AppContext, options: { batchSize?: number } = {}): Promise<ClassifyReport> {
  const now = ctx.clock.now();
  const limit = options.batchSize ?? BATCH_SIZE;
  const report: ClassifyReport = { people: 0, batches: 0, changed: 0, byPersona: emptyCounts() };
  const ids = (await ctx.database.db.select({ id: people.id }).from(people).where(isNull(people.erasedAt)).orderBy(people.id)).map((row) => row.id);
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += limit) batches.push(ids.slice(i, i + limit));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++] as string[];
      await ctx.database.db.transaction((tx) => classifyBatch(tx, { ids: batch }, now, report));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelBatches(ctx), batches.length) }, worker));
  return report;
}

/** Classifies the given people at once (a changed self-assessment, or a test); the same path as the batch. */
export async function classifyPeople(ctx: AppContext, personIds: readonly string[], options: { assessmentChanged?: boolean } = {}): Promise<ClassifyReport> {
  const now = ctx.clock.now();
  const report: ClassifyReport = { people: 0, batches: 0, changed: 0, byPersona: emptyCounts() };
  for (let i = 0; i < personIds.length; i += BATCH_SIZE) {
    const ids = personIds.slice(i, i + BATCH_SIZE);
    await ctx.database.db.transaction((tx) => classifyBatch(tx, { ids }, now, report, options));
  }
  // Their feed adapts at once on this node (other nodes within the feed reader's 5 s).
  for (const id of personIds) forgetReader(ctx, id);
  return report;
}
