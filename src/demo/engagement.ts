import { and, gte, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { activityDaily, people, personaAssessments, shares } from '../db/schema/index.ts';
import { addDemoNudges } from '../nudges/demo.ts';
import type { AssessmentAnswers } from '../personas/assessment.ts';
import { classifyEveryone } from '../personas/service.ts';
import type { Random } from './click-shape.ts';

const DAY = 86_400_000;
/** Activity reaches back far enough for the oldest weekly run's 90-day window. */
const ACTIVITY_DAYS = 90 + 7 * 12;
/** Weekly persona runs replayed before today, so the persona history and flow report have a past. */
const PAST_WEEKS = 12;
const CHUNK = 1_000;

/**
 * How a colleague who shares little behaves in the app: never comes by (anchored colleagues),
 * reads without posting (cautious movers), or started reading in the last weeks — the flow
 * "from following comes sharing" starts there.
 */
type Habit = 'quiet' | 'reader' | 'warming';

interface DemoAmbassador {
  id: string;
  habit: Habit | 'sharer';
  createdAt: Date;
}

/** Visits and reads a day, by habit; a warming colleague is quiet until six weeks ago. */
function dayActivity(rand: Random, habit: DemoAmbassador['habit'], daysAgo: number): { feedVisits: number; storyReads: number } {
  const chance = habit === 'reader' ? 0.3 : habit === 'sharer' ? 0.22 : habit === 'warming' ? (daysAgo < 42 ? 0.35 : 0.02) : 0.015;
  if (rand() >= chance) return { feedVisits: 0, storyReads: 0 };
  return { feedVisits: 1 + Math.floor(rand() * 2), storyReads: Math.floor(rand() * (habit === 'quiet' ? 1 : 3)) };
}

/** Answers that roughly fit a habit: what people who behave like that tend to say. */
function answersFor(rand: Random, habit: DemoAmbassador['habit']): AssessmentAnswers {
  const between = (low: number, high: number) => low + Math.floor(rand() * (high - low + 1));
  switch (habit) {
    case 'sharer':
      return { linkedinUse: between(4, 5), postingComfort: between(3, 5), pride: between(3, 5), careerOpenness: between(1, 5) };
    case 'reader':
    case 'warming':
      return { linkedinUse: between(3, 5), postingComfort: between(1, 2), pride: between(3, 4), careerOpenness: between(2, 4) };
    case 'quiet':
      return { linkedinUse: between(1, 2), postingComfort: between(1, 2), pride: between(2, 4), careerOpenness: between(1, 2) };
  }
}

/**
 * Gives the demo's ambassadors the signals personas are made of, then lets the persona model and
 * the nudge planner's log play out as they would have: feed visits and story reads for the last
 * 174 days (sharers read too; some colleagues only read; some never come by; some started reading
 * six weeks ago), a self-assessment for about one in eight, twelve weekly persona runs replayed on
 * a moved clock (so the history holds real flows, decided by the same no-flip-flop rule), twelve
 * weeks of nudges with holdouts, and today's run.
 */
export async function addDemoEngagement(ctx: AppContext, rand: Random): Promise<{ activityDays: number; assessments: number; personaRuns: number; nudges: number }> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - ACTIVITY_DAYS * DAY);
  const sharerRows = await db
    .selectDistinct({ personId: shares.personId })
    .from(shares)
    .where(gte(shares.createdAt, since));
  const sharers = new Set(sharerRows.map((row) => row.personId));
  const crowd = await db
    .select({ id: people.id, createdAt: people.createdAt })
    .from(people)
    .where(and(isNull(people.erasedAt), sql`${people.ambassadorStatus} in ('active', 'paused')`))
    // By e-mail address (seeded), not by id (random), so the same people get the same habits every time.
    .orderBy(people.email);
  const ambassadors: DemoAmbassador[] = crowd.map((person) => {
    const roll = rand();
    const habit: DemoAmbassador['habit'] = sharers.has(person.id) ? 'sharer' : roll < 0.45 ? 'quiet' : roll < 0.8 ? 'reader' : 'warming';
    return { ...person, habit };
  });

  const activity: (typeof activityDaily.$inferInsert)[] = [];
  const assessments: (typeof personaAssessments.$inferInsert)[] = [];
  for (const person of ambassadors) {
    for (let daysAgo = ACTIVITY_DAYS; daysAgo >= 0; daysAgo--) {
      const at = now.getTime() - daysAgo * DAY;
      if (at < person.createdAt.getTime()) continue;
      const day = dayActivity(rand, person.habit, daysAgo);
      if (day.feedVisits === 0) continue;
      activity.push({ personId: person.id, day: new Date(at).toISOString().slice(0, 10), ...day });
    }
    if (rand() < 0.125) assessments.push({ personId: person.id, answers: answersFor(rand, person.habit), answeredAt: new Date(now.getTime() - Math.floor(rand() * 60) * DAY) });
  }
  for (let i = 0; i < activity.length; i += CHUNK) await db.insert(activityDaily).values(activity.slice(i, i + CHUNK)).onConflictDoNothing();
  if (assessments.length > 0) await db.insert(personaAssessments).values(assessments).onConflictDoNothing();

  // The weekly runs of the past, each on a clock moved back to that week: the model only sees what existed then.
  for (let week = PAST_WEEKS; week >= 1; week--) {
    const then = new Date(now.getTime() - week * 7 * DAY);
    await classifyEveryone({ ...ctx, clock: { now: () => then } });
  }
  const nudgeLog = await addDemoNudges(ctx);
  await classifyEveryone(ctx);
  await stampSharePersonas(ctx);
  return { activityDays: activity.length, assessments: assessments.length, personaRuns: PAST_WEEKS + 1, nudges: nudgeLog.nudges };
}

/**
 * The demo's shares were made before the persona runs were replayed, so they carry no persona yet:
 * give each the sharer's persona of that week (as the composer would have), and its rollups and
 * touchpoints the same. Shares from before the first replayed week keep none.
 */
async function stampSharePersonas(ctx: AppContext): Promise<void> {
  const db = ctx.database.db;
  await db.execute(sql`update shares s set persona_key = (select h.persona from persona_history h
      where h.person_id = s.person_id and h.week <= (s.created_at at time zone 'UTC')::date order by h.week desc limit 1)
    where s.persona_key is null`);
  for (const table of ['click_rollups_daily', 'click_rollups_hourly', 'conversion_touchpoints']) {
    await db.execute(sql`update ${sql.identifier(table)} r set persona_key = s.persona_key from shares s where s.id = r.share_id and s.persona_key is not null and r.persona_key is null`);
  }
}
