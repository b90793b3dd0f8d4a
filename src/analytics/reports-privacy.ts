import { eq, or, sql } from 'drizzle-orm';
import { reportSubscriptions } from '../db/schema/index.ts';
import { registerPersonalData } from '../privacy/register.ts';

registerPersonalData({
  key: 'analytics.report_subscriptions',
  tables: ['report_subscriptions'],
  description: 'Scheduled analytics reports a person receives or set up: the report’s name and how often it is sent.',
  export: (tx, subject) =>
    tx
      .select({ name: reportSubscriptions.name, frequency: reportSubscriptions.frequency, createdAt: reportSubscriptions.createdAt })
      .from(reportSubscriptions)
      .where(or(eq(reportSubscriptions.createdBy, subject.id), sql`${subject.id}::uuid = any(${reportSubscriptions.recipientIds})`)),
  async erase(tx, subject) {
    // The report stays for its other recipients; the person is taken off it.
    await tx
      .update(reportSubscriptions)
      .set({ recipientIds: sql`array_remove(${reportSubscriptions.recipientIds}, ${subject.id}::uuid)` })
      .where(sql`${subject.id}::uuid = any(${reportSubscriptions.recipientIds})`);
    await tx.update(reportSubscriptions).set({ createdBy: null }).where(eq(reportSubscriptions.createdBy, subject.id));
  },
});
