import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { people } from '../db/schema/index.ts';

/** Today's date (YYYY-MM-DD) in a time zone: campaigns run by calendar day where the person is. */
export function dateIn(timeZone: string, now: Date): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** Today for a person (their time zone), or in UTC for an organisation token. */
export async function todayFor(tx: Tx, personId: string | null, now: Date): Promise<string> {
  if (!personId) return dateIn('UTC', now);
  const [row] = await tx.select({ timeZone: people.timeZone }).from(people).where(eq(people.id, personId)).limit(1);
  return dateIn(row?.timeZone ?? 'UTC', now);
}
