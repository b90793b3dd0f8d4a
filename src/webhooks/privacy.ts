import { and, lt, ne, sql } from 'drizzle-orm';
import { webhookDeliveries } from '../db/schema/index.ts';
import { declareNoPersonalData, registerPersonalData } from '../privacy/register.ts';

// An endpoint is an admin's configuration: an address, a description, the events and an encrypted
// secret. `created_by` points at the admin and is cleared by the people table's own erasure (set null).
declareNoPersonalData('webhook_endpoints');

// Where the click feed got to: a timestamp and a click id, about no one.
declareNoPersonalData('event_cursors');

/** LIKE's wildcards taken literally (an address such as jan_de_vries@… must not match jan-de-vries@…). */
const literal = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Deliveries whose body names the person: by id, or by (work) e-mail address as a whole JSON string. */
const namesSubject = (subject: { id: string; email: string }) =>
  sql`(${webhookDeliveries.payload}::text like ${`%${literal(subject.id)}%`} or ${webhookDeliveries.payload}::text ilike ${`%"${literal(subject.email)}"%`})`;

/**
 * Deliveries keep the body as sent. Bodies carry ids (person, share, story, vacancy, click),
 * story and vacancy titles, and only person.left carries a name and work e-mail address. Never a
 * visitor hash or IP address. They are kept 30 days (long enough to replay after a receiver's
 * outage); erasure removes every delivery whose body names the person (by id or e-mail), so a
 * replay cannot resend it. A receiver's own copy is the receiver's to erase.
 */
registerPersonalData({
  key: 'webhooks.deliveries',
  tables: ['webhook_deliveries'],
  description:
    'The log of outgoing webhook deliveries: the signed body as sent (ids of people, shares, stories, vacancies and clicks; story and vacancy titles; a leaver’s name and work e-mail in person.left), the receiver’s answer and timings. Kept 30 days for replay.',
  export: (tx, subject) =>
    tx
      .select({ id: webhookDeliveries.id, event: webhookDeliveries.event, createdAt: webhookDeliveries.createdAt, payload: webhookDeliveries.payload })
      .from(webhookDeliveries)
      .where(namesSubject(subject))
      .orderBy(webhookDeliveries.createdAt),
  async erase(tx, subject) {
    await tx.delete(webhookDeliveries).where(namesSubject(subject));
  },
  retention: {
    defaultDays: 30,
    async purge(tx, cutoff) {
      // Pending deliveries are still being retried (at most a few hours); they go once settled.
      const rows = await tx
        .delete(webhookDeliveries)
        .where(and(lt(webhookDeliveries.createdAt, cutoff), ne(webhookDeliveries.status, 'pending')))
        .returning({ id: webhookDeliveries.id });
      return rows.length;
    },
  },
});
