import { and, desc, eq, isNull } from 'drizzle-orm';
import type { SignedIn } from '../auth/context.ts';
import { recordAudit } from '../audit/service.ts';
import type { AppContext } from '../context.ts';
import { people, personaAssessments, personaHistory, personPersonas } from '../db/schema/index.ts';
import type { Language } from '../db/schema/people.ts';
import { AppError, notFound } from '../http/errors.ts';
import { listedIndividually } from '../people/visibility.ts';
import { answersOf, type AssessmentAnswers, assessmentQuestions, assessmentScale } from './assessment.ts';
import { type KnownPersona, knownPersonas, type PersonaReason } from './model.ts';
import { canViewPersona } from './policy.ts';
import type { PersonaView } from './schema.ts';
import { type ClassifyReport, classifyEveryone, classifyPeople } from './service.ts';

/** History shown with a persona: two years of weeks. */
const HISTORY_WEEKS = 104;

/** The self-assessment's questions in one language. */
export function questionsIn(language: Language) {
  return assessmentQuestions.map((q) => ({ key: q.key, text: q.text[language], low: q.low[language], high: q.high[language] }));
}

/** A person's persona as the API presents it: persona, reasons, since, history and the self-assessment. */
async function presentPersona(ctx: AppContext, personId: string, language: Language): Promise<PersonaView> {
  const db = ctx.database.db;
  const [current, history, assessment] = await Promise.all([
    db.select().from(personPersonas).where(eq(personPersonas.personId, personId)).limit(1),
    db
      .select({ week: personaHistory.week, persona: personaHistory.persona })
      .from(personaHistory)
      .where(eq(personaHistory.personId, personId))
      .orderBy(desc(personaHistory.week))
      .limit(HISTORY_WEEKS),
    db.select().from(personaAssessments).where(eq(personaAssessments.personId, personId)).limit(1),
  ]);
  const row = current[0];
  const answered = assessment[0];
  const scores = row ? (Object.fromEntries(knownPersonas.map((p) => [p, Number(row.scores[p] ?? 0)])) as Record<KnownPersona, number>) : null;
  return {
    personId,
    persona: row?.persona ?? 'unknown',
    since: row ? row.since.toISOString() : null,
    computedAt: row ? row.computedAt.toISOString() : null,
    reasons: (row?.reasons ?? []) as PersonaReason[],
    scores,
    challenger: row?.challenger ? { persona: row.challenger, weeklyWins: row.challengerWins } : null,
    history: history.map((h) => ({ week: h.week, persona: h.persona })),
    assessment: {
      questions: questionsIn(language),
      scale: { min: assessmentScale.min, max: assessmentScale.max },
      answers: answered ? answersOf(answered.answers) : null,
      answeredAt: answered ? answered.answeredAt.toISOString() : null,
    },
  };
}

async function ensurePerson(ctx: AppContext, personId: string) {
  const [person] = await ctx.database.db
    .select({ id: people.id, ambassadorStatus: people.ambassadorStatus, erasedAt: people.erasedAt })
    .from(people)
    .where(and(eq(people.id, personId), isNull(people.erasedAt)))
    .limit(1);
  if (!person) throw notFound('person_not_found', personId);
  return person;
}

/**
 * GET /people/{id}/persona: the person themself or an admin; anyone else 403 (before saying whether
 * the person exists). A paused or opted-out person is out of every individual view at once
 * (people/visibility.ts), an admin's look at their persona included; they still see their own.
 */
export async function getPersona(ctx: AppContext, auth: SignedIn, personId: string, language: Language): Promise<PersonaView> {
  if (!canViewPersona(auth, personId)) throw new AppError(403, 'forbidden', 'error.persona_own_only');
  const person = await ensurePerson(ctx, personId);
  if (auth.personId !== personId && !listedIndividually(person)) throw new AppError(403, 'person_opted_out', 'error.person_unlisted');
  return presentPersona(ctx, personId, language);
}

/** PUT /me/persona/assessment: stores the four answers and recomputes the person's persona at once. */
export async function saveAssessment(ctx: AppContext, personId: string, answers: AssessmentAnswers, language: Language): Promise<PersonaView> {
  await ensurePerson(ctx, personId);
  const now = ctx.clock.now();
  await ctx.database.db
    .insert(personaAssessments)
    .values({ personId, answers, answeredAt: now })
    .onConflictDoUpdate({ target: personaAssessments.personId, set: { answers, answeredAt: now } });
  await classifyPeople(ctx, [personId], { assessmentChanged: true });
  return presentPersona(ctx, personId, language);
}

/** DELETE /me/persona/assessment: forgets the answers; the persona is recomputed from behaviour alone, at once. */
export async function deleteAssessment(ctx: AppContext, personId: string, language: Language): Promise<PersonaView> {
  await ensurePerson(ctx, personId);
  const removed = await ctx.database.db.delete(personaAssessments).where(eq(personaAssessments.personId, personId)).returning({ personId: personaAssessments.personId });
  await classifyPeople(ctx, [personId], { assessmentChanged: removed.length > 0 });
  return presentPersona(ctx, personId, language);
}

/** POST /personas/recompute: everyone at once, in batches (as the nightly job), audited. */
export async function recomputeEveryone(ctx: AppContext, auth: SignedIn): Promise<ClassifyReport> {
  const report = await classifyEveryone(ctx);
  await recordAudit(ctx.database.db, auth, ctx.clock.now(), { action: 'personas.recompute', subjectType: 'personas', subjectId: null, after: { ...report } });
  return report;
}
