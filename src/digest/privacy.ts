import { eq, lt } from 'drizzle-orm';
import { digests } from '../db/schema/index.ts';
import { registerPersonalData } from '../privacy/register.ts';

/** Digests are kept a quarter: long enough to see that this week's went out, not a history of anyone's weeks. */
export const DIGEST_RETENTION_DAYS = 90;

registerPersonalData({
  key: 'digest.weekly',
  tables: ['digests'],
  description:
    'Weekly digest e-mails: per person and week, the stories suggested (ranked as their feed), their impact that week (shares, clicks by people, unique visitors, applications) and whether the digest was sent or skipped. Kept 90 days.',
  export: (tx, subject) =>
    tx
      .select({ week: digests.week, status: digests.status, storyIds: digests.storyIds, impact: digests.impact, preparedAt: digests.preparedAt, sentAt: digests.sentAt })
      .from(digests)
      .where(eq(digests.personId, subject.id))
      .orderBy(digests.week),
  async erase(tx, subject) {
    // A digest is about the person alone and nothing else counts on it: it goes entirely.
    await tx.delete(digests).where(eq(digests.personId, subject.id));
  },
  retention: {
    defaultDays: DIGEST_RETENTION_DAYS,
    async purge(tx, cutoff) {
      const rows = await tx.delete(digests).where(lt(digests.preparedAt, cutoff)).returning({ personId: digests.personId });
      return rows.length;
    },
  },
});
