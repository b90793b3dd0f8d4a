import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { consents, groupMemberships, groups, type people } from '../db/schema/index.ts';
import { quietHoursOf } from '../notifications/schema.ts';
import type { PersonView } from './schema.ts';

type PersonRow = typeof people.$inferSelect;

/** Loads what the API shows beside a person row (groups, current consent) for many people in two queries. */
export async function presentPeople(tx: Tx, rows: PersonRow[]): Promise<PersonView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const memberships = await tx
    .select({ personId: groupMemberships.personId, id: groups.id, kind: groups.kind, name: groups.name })
    .from(groupMemberships)
    .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
    .where(inArray(groupMemberships.personId, ids));
  const consentRows = await tx.select().from(consents).where(inArray(consents.personId, ids));
  return rows.map((row) => {
    const mine = memberships.filter((m) => m.personId === row.id).sort((a, b) => a.name.localeCompare(b.name));
    const pick = (kind: string) => {
      const m = mine.find((x) => x.kind === kind);
      return m ? { id: m.id, name: m.name } : null;
    };
    const consent = consentRows
      .filter((c) => c.personId === row.id && !c.withdrawnAt)
      .sort((a, b) => b.givenAt.getTime() - a.givenAt.getTime())[0];
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      language: row.language,
      timeZone: row.timeZone,
      startDate: row.startDate,
      roles: row.roles,
      ambassadorStatus: row.ambassadorStatus,
      active: row.active,
      department: pick('department'),
      location: pick('location'),
      teams: mine.filter((m) => m.kind === 'team').map((m) => ({ id: m.id, name: m.name })),
      consent: consent ? { policyVersion: consent.policyVersion, givenAt: consent.givenAt.toISOString() } : null,
      notificationChannels: row.notificationChannels,
      hasPassword: row.passwordHash !== null,
      tellMyStory: row.preferences.tellMyStory === true,
      leaderboardOptIn: row.preferences.leaderboardOptIn === true,
      quietHours: quietHoursOf(row.preferences),
      networkSize: row.networkSize,
      erased: row.erasedAt !== null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

/** Presents one person. */
export async function presentPerson(tx: Tx, row: PersonRow): Promise<PersonView> {
  const [view] = await presentPeople(tx, [row]);
  if (!view) throw new Error('presenter lost a row');
  return view;
}
