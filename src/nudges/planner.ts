import { and, eq, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { type NotificationChannel, type NudgeStatus, type NudgeTrigger, nudges, nudgeTemplates, people, type PersonaKey, personPersonas } from '../db/schema/index.ts';
import { getSetting } from '../settings/service.ts';
import { installDefaultTemplates } from './defaults.ts';
import { type Guardrails, isHeldOut, nextAllowedMoment, quietHoursOf, roomUnderCap } from './guardrails.ts';
import type { TemplateParams } from './schema.ts';
import { type Candidate, findCandidates, sendKeyOf } from './triggers.ts';

/**
 * The planner ('nudges.plan', every 15 minutes): per enabled template one set-wise trigger query,
 * then per person the guardrails — the weekly cap (the most important triggers first), the holdout
 * draw, the channel the person allows, and the next moment outside their quiet hours and weekend.
 * Each decision is one `nudges` row (its send key unique), so a second run decides nothing twice.
 * A candidate over the cap is not recorded: it is considered again on the next run while its
 * trigger still holds (triggers look back hours or days), so an onboarding step waits a week
 * rather than vanishing.
 */

/** Which trigger wins a person's only slot of the week. */
const triggerPriority: Record<NudgeTrigger, number> = {
  leaving: 0,
  onboarding: 1,
  share_application: 2,
  share_clicks: 3,
  vacancy_needs_stories: 4,
  new_story: 5,
  inactive: 6,
};

/** What counts against the weekly cap: what was sent, is waiting, or was held out (both groups alike). */
export const CAP_STATUSES: NudgeStatus[] = ['scheduled', 'sent', 'holdout'];
const WEEK_MS = 7 * 86_400_000;

export interface PersonGuardrailFacts {
  timeZone: string;
  preferences: Record<string, unknown>;
  channels: NotificationChannel[];
  nudgeMailUnsubscribedAt: Date | null;
  /** The private address a leaver left behind (the only way the alumni invitation goes out). */
  personalEmail: string | null;
}

/**
 * The channel a nudge goes out on: the template's, when the person allows it (and, for e-mail, has
 * not unsubscribed from nudge mail); otherwise in-app when allowed (quiet, in the bell), then
 * e-mail; null when the person allows neither — the nudge is then suppressed.
 *
 * The alumni invitation is different: a leaver no longer reads work mail, the bell or Slack, and
 * whoever reads their old work mailbox must not be able to join the programme in their name. It goes
 * by e-mail to the personal address they left, or not at all.
 */
export function channelFor(template: NotificationChannel, person: PersonGuardrailFacts, trigger: NudgeTrigger): NotificationChannel | null {
  if (trigger === 'leaving') return person.personalEmail && person.nudgeMailUnsubscribedAt === null ? 'email' : null;
  const allowed = (channel: NotificationChannel) => person.channels.includes(channel) && (channel !== 'email' || person.nudgeMailUnsubscribedAt === null);
  if (allowed(template)) return template;
  for (const fallback of ['in_app', 'email'] as const) if (allowed(fallback)) return fallback;
  return null;
}

/** The alumni programme's join page; its invitation token is made when the link is followed. */
export const ALUMNI_JOIN_PATH = '/alumni/join';

/** The in-app path a nudge's action leads to. */
export function pathFor(trigger: NudgeTrigger, params: TemplateParams, candidate: Candidate): string {
  switch (trigger) {
    case 'new_story':
      return candidate.subjectId ? `/feed?story=${encodeURIComponent(candidate.subjectId)}` : '/feed';
    case 'share_clicks':
    case 'share_application':
      return '/me/shares';
    case 'vacancy_needs_stories':
      return '/jobs';
    case 'onboarding':
      return 'step' in params && params.step === 'profile' ? '/profile' : '/feed';
    case 'leaving':
      // The click redirect adds a fresh signed invitation token (src/people/alumni.ts).
      return ALUMNI_JOIN_PATH;
    case 'inactive':
      return '/feed';
  }
}

export interface PlanResult {
  templates: number;
  candidates: number;
  scheduled: number;
  holdout: number;
  suppressed: number;
  overCap: number;
}

/** Two planner runs (the schedule and an admin's "plan now", or two nodes) never decide at the same time. */
const PLAN_LOCK = 7_311_006;

/**
 * Runs every enabled template's trigger and records the decisions; deliveries are queued at each
 * nudge's allowed moment. One run at a time across nodes (an advisory lock held by the planning
 * transaction), so two runs cannot both see room under a person's weekly cap. The delivery jobs are
 * queued after the decisions are committed.
 */
export async function planNudges(ctx: AppContext): Promise<PlanResult> {
  const queued: { id: string; scheduledFor: Date }[] = [];
  const result = await ctx.database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PLAN_LOCK})`);
    return decide(ctx, tx, queued);
  });
  for (const row of queued) await ctx.jobs.send('nudges.deliver', { nudgeId: row.id }, { singletonKey: row.id, startAfter: row.scheduledFor });
  return result;
}

async function decide(ctx: AppContext, db: Tx, queued: { id: string; scheduledFor: Date }[]): Promise<PlanResult> {
  const now = ctx.clock.now();
  const guardrails: Guardrails = await getSetting(db, 'nudges.guardrails');
  await installDefaultTemplates(db, now, guardrails.holdoutPercent);
  const templates = await db.select().from(nudgeTemplates).where(eq(nudgeTemplates.enabled, true));
  const result: PlanResult = { templates: templates.length, candidates: 0, scheduled: 0, holdout: 0, suppressed: 0, overCap: 0 };

  const all: { template: (typeof templates)[number]; candidate: Candidate }[] = [];
  for (const template of templates) {
    const found = await findCandidates(db, { key: template.key, trigger: template.trigger, params: template.params as TemplateParams, personas: template.personas }, now);
    for (const candidate of found) all.push({ template, candidate });
  }
  result.candidates = all.length;
  if (all.length === 0) return result;

  const personIds = [...new Set(all.map((c) => c.candidate.personId))];
  const facts = new Map<string, PersonGuardrailFacts & { persona: PersonaKey; used: number }>();
  for (let i = 0; i < personIds.length; i += 1000) {
    const batch = personIds.slice(i, i + 1000);
    const rows = await db
      .select({
        id: people.id,
        timeZone: people.timeZone,
        preferences: people.preferences,
        channels: people.notificationChannels,
        nudgeMailUnsubscribedAt: people.nudgeMailUnsubscribedAt,
        personalEmail: people.personalEmail,
        persona: personPersonas.persona,
        used: sql<number>`(select count(*) from nudges n where n.person_id = ${people.id} and n.status in ('scheduled', 'sent', 'holdout') and n.created_at > ${new Date(now.getTime() - WEEK_MS).toISOString()}::timestamptz)`.mapWith(Number),
      })
      .from(people)
      .leftJoin(personPersonas, eq(personPersonas.personId, people.id))
      .where(inArray(people.id, batch));
    for (const row of rows) facts.set(row.id, { ...row, persona: row.persona ?? 'unknown' });
  }

  // Per person: the most important triggers first, newest subject first, as many as the cap leaves room for.
  all.sort((a, b) => triggerPriority[a.template.trigger] - triggerPriority[b.template.trigger] || b.candidate.at - a.candidate.at);
  const taken = new Map<string, number>();
  const rows: (typeof nudges.$inferInsert)[] = [];
  for (const { template, candidate } of all) {
    const person = facts.get(candidate.personId);
    if (!person) continue;
    const used = taken.get(candidate.personId) ?? 0;
    if (roomUnderCap(guardrails.perWeek, person.used + used) === 0) {
      result.overCap++;
      continue;
    }
    const sendKey = sendKeyOf(template.key, candidate.personId, candidate.subjectKey);
    const holdout = isHeldOut(ctx.config.secretKey, template.id, candidate.personId, template.holdoutPercent);
    const channel = channelFor(template.channel, person, template.trigger);
    const status: NudgeStatus = holdout ? 'holdout' : channel ? 'scheduled' : 'suppressed';
    const scheduledFor = nextAllowedMoment(now, person.timeZone, quietHoursOf(guardrails, person.preferences), guardrails.weekends);
    if (status !== 'suppressed') taken.set(candidate.personId, used + 1);
    rows.push({
      id: uuidv7(),
      templateId: template.id,
      personId: candidate.personId,
      persona: person.persona,
      sendKey,
      channel: channel ?? template.channel,
      subjectType: candidate.subjectType,
      subjectId: candidate.subjectId,
      variables: { ...candidate.variables, path: pathFor(template.trigger, template.params as TemplateParams, candidate) },
      holdout,
      status,
      reason: status === 'suppressed' ? 'no_allowed_channel' : scheduledFor.getTime() > now.getTime() ? 'waited_for_allowed_time' : null,
      scheduledFor,
      createdAt: now,
    });
  }

  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insert(nudges)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing({ target: nudges.sendKey })
      .returning({ id: nudges.id, status: nudges.status, scheduledFor: nudges.scheduledFor });
    for (const row of inserted) {
      if (row.status === 'scheduled') {
        result.scheduled++;
        queued.push(row);
      } else if (row.status === 'holdout') result.holdout++;
      else result.suppressed++;
    }
  }
  return result;
}

/**
 * Scheduled nudges still waiting an hour after their moment: their job was lost (a crash between
 * the insert and the send), or pg-boss gave up while the database was away, or a claim was left
 * by a process that died mid-send. Each gets a delivery job again; the claim makes a duplicate
 * job harmless, and attempts still end in 'failed' after MAX_ATTEMPTS.
 */
export async function requeueStale(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const stale = await ctx.database.db
    .select({ id: nudges.id })
    .from(nudges)
    .where(and(eq(nudges.status, 'scheduled'), sql`${nudges.scheduledFor} < ${new Date(now.getTime() - 3_600_000).toISOString()}::timestamptz`))
    .orderBy(nudges.scheduledFor)
    .limit(1000);
  for (const row of stale) await ctx.jobs.send('nudges.deliver', { nudgeId: row.id }, { singletonKey: `${row.id}:requeue` });
  return stale.length;
}
