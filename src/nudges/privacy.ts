import { eq, lt } from 'drizzle-orm';
import { nudges, nudgeTemplates } from '../db/schema/index.ts';
import { declareNoPersonalData, registerPersonalData } from '../privacy/register.ts';

/** Nudge decisions are kept 13 months: long enough to compare a template's uplift over a year. */
export const NUDGE_RETENTION_DAYS = 400;

// Templates are the programme's texts and settings; they name no person.
declareNoPersonalData('nudge_templates');

registerPersonalData({
  key: 'nudges.log',
  tables: ['nudges'],
  description:
    'Every nudge decided for a person: template, persona at the time, channel, what it was about (a story, share or vacancy and its title), whether the person was in the random holdout group, status (sent, held out, suppressed by a guardrail, failed) and why, and when it was sent, opened and clicked. Used to keep nudges rare (the weekly cap) and to measure uplift. Kept 13 months. The unsubscribe times of nudge mail and the digest are part of the person record.',
  export: (tx, subject) =>
    tx
      .select({
        template: nudgeTemplates.key,
        persona: nudges.persona,
        channel: nudges.channel,
        status: nudges.status,
        holdout: nudges.holdout,
        reason: nudges.reason,
        subjectType: nudges.subjectType,
        subjectId: nudges.subjectId,
        scheduledFor: nudges.scheduledFor,
        sentAt: nudges.sentAt,
        openedAt: nudges.openedAt,
        clickedAt: nudges.clickedAt,
      })
      .from(nudges)
      .innerJoin(nudgeTemplates, eq(nudgeTemplates.id, nudges.templateId))
      .where(eq(nudges.personId, subject.id))
      .orderBy(nudges.createdAt),
  async erase(tx, subject) {
    // The rows stay for the report's totals, pointing at the anonymised person; what they were about goes.
    await tx.update(nudges).set({ variables: {}, subjectType: null, subjectId: null, reason: null }).where(eq(nudges.personId, subject.id));
  },
  retention: {
    defaultDays: NUDGE_RETENTION_DAYS,
    async purge(tx, cutoff) {
      const deleted = await tx.delete(nudges).where(lt(nudges.createdAt, cutoff)).returning({ id: nudges.id });
      return deleted.length;
    },
  },
});
