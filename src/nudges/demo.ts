import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { nudges, nudgeTemplates, people, type PersonaKey, personPersonas } from '../db/schema/index.ts';
import { seededRandom } from '../demo/random.ts';
import { installDefaultTemplates } from './defaults.ts';
import { isHeldOut } from './guardrails.ts';

const WEEKS = 12;
const DAY = 86_400_000;
/** How likely a nudged person of each kind clicks, so the demo report is not flat. */
const clickRates: Record<PersonaKey, number> = { anchored: 0.08, loyal_fan: 0.35, cautious_mover: 0.2, job_hopper: 0.3, unknown: 0.15 };

/**
 * A log of nudges for the demo organisation: over the last 12 weeks, at most one nudge a week per
 * active person from a default template for their persona, the holdout drawn as the planner
 * draws it, with sends, opens, clicks and a few failures. Whether a share followed is read from
 * the demo's own shares by the report. Idempotent (demo send keys); call it after the personas.
 */
export async function addDemoNudges(ctx: AppContext, seed = 2026): Promise<{ nudges: number; holdout: number }> {
  const db = ctx.database.db;
  const rand = seededRandom(seed);
  const now = ctx.clock.now();
  await installDefaultTemplates(db, now);
  const templates = await db
    .select()
    .from(nudgeTemplates)
    .where(and(eq(nudgeTemplates.enabled, true), notInArray(nudgeTemplates.trigger, ['leaving', 'onboarding'])));
  const crowd = await db
    .select({ id: people.id, persona: sql<PersonaKey>`coalesce(${personPersonas.persona}, 'unknown')` })
    .from(people)
    .leftJoin(personPersonas, eq(personPersonas.personId, people.id))
    .where(and(eq(people.ambassadorStatus, 'active'), sql`${people.erasedAt} is null`))
    .orderBy(people.id);
  const rows: (typeof nudges.$inferInsert)[] = [];
  for (const person of crowd) {
    const fitting = templates.filter((template) => template.personas.includes(person.persona));
    if (fitting.length === 0) continue;
    for (let week = 1; week <= WEEKS; week++) {
      if (rand() < 0.55) continue;
      const template = fitting[Math.floor(rand() * fitting.length)] ?? fitting[0];
      if (!template) continue;
      const at = new Date(now.getTime() - week * 7 * DAY + Math.floor(rand() * 5) * DAY);
      const holdout = isHeldOut(ctx.config.secretKey, template.id, person.id, template.holdoutPercent);
      const failed = !holdout && rand() < 0.02;
      const sent = !holdout && !failed;
      const opened = sent && template.channel !== 'slack' && rand() < 0.5;
      const clicked = sent && rand() < clickRates[person.persona];
      rows.push({
        templateId: template.id,
        personId: person.id,
        persona: person.persona,
        sendKey: `demo:${template.key}:${person.id}:w${week}`,
        channel: template.channel,
        variables: { path: '/feed' },
        holdout,
        status: holdout ? 'holdout' : failed ? 'failed' : 'sent',
        reason: failed ? '451 4.3.0 mailbox temporarily unavailable (after 6 attempts)' : null,
        attempts: holdout ? 0 : failed ? 6 : 1,
        scheduledFor: at,
        createdAt: at,
        sentAt: sent ? at : null,
        openedAt: opened || clicked ? new Date(at.getTime() + 3_600_000) : null,
        clickedAt: clicked ? new Date(at.getTime() + 3_900_000) : null,
      });
    }
  }
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const done = await db.insert(nudges).values(rows.slice(i, i + 1000)).onConflictDoNothing({ target: nudges.sendKey }).returning({ id: nudges.id });
    inserted += done.length;
  }
  return { nudges: inserted, holdout: rows.filter((row) => row.holdout).length };
}
