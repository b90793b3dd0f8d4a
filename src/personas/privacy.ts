import { asc, eq, lt } from 'drizzle-orm';
import { activityDaily, personaAssessments, personaHistory, personPersonas } from '../db/schema/index.ts';
import { registerPersonalData } from '../privacy/register.ts';

// Personas are derived from behaviour and the person's own answers; nothing links to them, so
// erasure deletes them. Shares keep the persona they were made with (shares.persona_key) as a
// dimension of aggregate totals only.

registerPersonalData({
  key: 'personas.activity',
  tables: ['activity_daily'],
  description:
    'Per day, how often a person opened the ambassador feed (at most once per 30 minutes counted) and read a story: the persona model’s “reads but does not share” signal. The model looks at 90 days; rows go after 120.',
  export: (tx, subject) =>
    tx
      .select({ day: activityDaily.day, feedVisits: activityDaily.feedVisits, storyReads: activityDaily.storyReads })
      .from(activityDaily)
      .where(eq(activityDaily.personId, subject.id))
      .orderBy(asc(activityDaily.day)),
  async erase(tx, subject) {
    await tx.delete(activityDaily).where(eq(activityDaily.personId, subject.id));
  },
  retention: {
    defaultDays: 120,
    async purge(tx, cutoff) {
      const rows = await tx
        .delete(activityDaily)
        .where(lt(activityDaily.day, cutoff.toISOString().slice(0, 10)))
        .returning({ personId: activityDaily.personId });
      return rows.length;
    },
  },
});

registerPersonalData({
  key: 'personas.persona',
  tables: ['person_personas', 'persona_history', 'persona_assessments'],
  description:
    'A person’s persona (anchored colleague, loyal fan, cautious mover, social-savvy job hopper, or not yet known), the signals, scores and reasons behind it, its weekly history, and the optional self-assessment answers. Seen only by the person and admins; others see counts of 5 or more. Weekly history is kept 3 years.',
  async export(tx, subject) {
    const [current, history, assessment] = await Promise.all([
      tx.select().from(personPersonas).where(eq(personPersonas.personId, subject.id)),
      tx.select({ week: personaHistory.week, persona: personaHistory.persona }).from(personaHistory).where(eq(personaHistory.personId, subject.id)).orderBy(asc(personaHistory.week)),
      tx.select({ answers: personaAssessments.answers, answeredAt: personaAssessments.answeredAt }).from(personaAssessments).where(eq(personaAssessments.personId, subject.id)),
    ]);
    const row = current[0];
    return {
      current: row
        ? { persona: row.persona, since: row.since, reasons: row.reasons, scores: row.scores, signals: row.signals, challenger: row.challenger, computedAt: row.computedAt }
        : null,
      history,
      assessment: assessment[0] ?? null,
    };
  },
  async erase(tx, subject) {
    await tx.delete(personPersonas).where(eq(personPersonas.personId, subject.id));
    await tx.delete(personaHistory).where(eq(personaHistory.personId, subject.id));
    await tx.delete(personaAssessments).where(eq(personaAssessments.personId, subject.id));
  },
  retention: {
    defaultDays: 1_096,
    async purge(tx, cutoff) {
      const rows = await tx
        .delete(personaHistory)
        .where(lt(personaHistory.week, cutoff.toISOString().slice(0, 10)))
        .returning({ personId: personaHistory.personId });
      return rows.length;
    },
  },
});
