import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AppContext } from '../context.ts';
import { type AmbassadorStatus, consents, groupMemberships, groups, type Language, people, personStatusChanges, type Role } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { getSetting } from '../settings/service.ts';
import { seededRandom } from './random.ts';
import { addDemoEngagement } from './engagement.ts';
import { addDemoStories } from './stories.ts';
import { addDemoTracking } from './tracking.ts';
import { addDemoVacancies } from './vacancies.ts';

const departments = ['Communicatie', 'Recruitment', 'Engineering', 'Klantenservice', 'Finance', 'Operations'];
const locations = ['Utrecht', 'Rotterdam', 'Eindhoven'];
const teams = ['Platform', 'Data', 'Employer branding', 'Field service', 'Young professionals'];
const dutchFirst = ['Sanne', 'Daan', 'Lotte', 'Bram', 'Femke', 'Joris', 'Anouk', 'Thijs', 'Noor', 'Ruben', 'Eva', 'Sem', 'Fleur', 'Lars', 'Iris', 'Jesse', 'Maud', 'Stijn', 'Roos', 'Wouter'];
const dutchLast = ['de Vries', 'Jansen', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Kok'];
const englishFirst = ['Olivia', 'James', 'Amelia', 'Noah', 'Grace', 'Oliver', 'Sophie', 'Harry', 'Chloe', 'Jack', 'Priya', 'Mateo', 'Aisha', 'Lucas', 'Hannah'];
const englishLast = ['Smith', 'Taylor', 'Brown', 'Wilson', 'Evans', 'Walker', 'Wright', 'Patel', 'Garcia', 'Murphy', 'Hughes', 'Clarke'];

export const DEMO_PEOPLE = 250;

/**
 * Fills an empty Podium with a realistic demo organisation: 250 people in 6 departments and
 * 3 locations, Dutch and English names, ambassadors in every lifecycle stage, stories, and six months
 * of shares, clicks and conversions (see tracking.ts), and about 30 vacancies imported from four
 * applicant tracking systems' feeds (see vacancies.ts), and the signals, persona history and nudge
 * log of the personas and nudges (see engagement.ts). Later domains extend it.
 */
export async function addDemoOrganisation(
  ctx: AppContext,
): Promise<{ people: number; groups: number; shares: number; clicks: number; conversions: number; vacancies: number; assessments: number; nudges: number }> {
  const db = ctx.database.db;
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(people);
  if ((count?.n ?? 0) > 1) throw new AppError(409, 'demo_not_empty', 'error.demo_not_empty', { count: count?.n ?? 0 });
  const rand = seededRandom(2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const now = ctx.clock.now();
  const policyVersion = await getSetting(db, 'policy.socialMediaVersion');

  const groupRows = [
    ...departments.map((name) => ({ id: uuidv7(), kind: 'department' as const, name })),
    ...locations.map((name) => ({ id: uuidv7(), kind: 'location' as const, name })),
    ...teams.map((name) => ({ id: uuidv7(), kind: 'team' as const, name })),
  ].map((g) => ({ ...g, createdAt: now, updatedAt: now }));

  const usedEmails = new Set<string>();
  const personRows: (typeof people.$inferInsert)[] = [];
  const memberships: (typeof groupMemberships.$inferInsert)[] = [];
  const consentRows: (typeof consents.$inferInsert)[] = [];
  const statusRows: (typeof personStatusChanges.$inferInsert)[] = [];
  for (let i = 0; i < DEMO_PEOPLE; i++) {
    const dutch = rand() < 0.75;
    const first = dutch ? pick(dutchFirst) : pick(englishFirst);
    const last = dutch ? pick(dutchLast) : pick(englishLast);
    let email = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    for (let n = 2; usedEmails.has(email); n++) email = `${first}.${last}${n}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
    usedEmails.add(email);
    const department = groupRows[i % departments.length] ?? groupRows[0];
    const location = groupRows[departments.length + Math.floor(rand() * locations.length)];
    const roles: Role[] =
      department?.name === 'Communicatie' && rand() < 0.4 ? ['editor', 'ambassador'] : department?.name === 'Recruitment' && rand() < 0.5 ? ['recruiter', 'ambassador'] : ['ambassador'];
    const roll = rand();
    const status: AmbassadorStatus = roll < 0.62 ? 'active' : roll < 0.8 ? 'invited' : roll < 0.88 ? 'paused' : roll < 0.95 ? 'opted_out' : 'alumni';
    const tenureDays = Math.floor(rand() * 365 * 25);
    const startDate = new Date(now.getTime() - tenureDays * 86_400_000).toISOString().slice(0, 10);
    const id = uuidv7();
    const joined = new Date(now.getTime() - Math.floor(rand() * 300 + 20) * 86_400_000);
    personRows.push({
      id,
      email: `${email}@demo.podium.example`,
      name: `${first} ${last}`,
      language: (dutch ? 'nl' : 'en') as Language,
      timeZone: 'Europe/Amsterdam',
      startDate,
      roles,
      ambassadorStatus: status,
      active: status !== 'alumni',
      networkSize: rand() < 0.6 ? Math.floor(80 + rand() * 2500) : null,
      statusChangedAt: joined,
      createdAt: joined,
      updatedAt: joined,
    });
    if (department) memberships.push({ groupId: department.id, personId: id });
    if (location) memberships.push({ groupId: location.id, personId: id });
    if (rand() < 0.35) memberships.push({ groupId: pick(groupRows.slice(departments.length + locations.length)).id, personId: id });
    statusRows.push({ personId: id, fromStatus: null, toStatus: 'invited', changedAt: joined });
    if (status !== 'invited') {
      consentRows.push({ personId: id, policyVersion, givenAt: joined, withdrawnAt: status === 'opted_out' ? now : null });
      statusRows.push({ personId: id, fromStatus: 'invited', toStatus: 'active', changedAt: joined });
      if (status !== 'active') statusRows.push({ personId: id, fromStatus: 'active', toStatus: status, changedAt: now });
    }
  }
  await db.transaction(async (tx) => {
    await tx.insert(groups).values(groupRows).onConflictDoNothing();
    await tx.insert(people).values(personRows);
    await tx.insert(groupMemberships).values(memberships).onConflictDoNothing();
    await tx.insert(consents).values(consentRows);
    await tx.insert(personStatusChanges).values(statusRows);
    await addDemoStories(
      tx,
      now,
      rand,
      personRows.map((p) => ({ id: p.id as string, roles: p.roles ?? [], active: p.active !== false && p.ambassadorStatus === 'active' })),
    );
  });
  const tracking = await addDemoTracking(ctx, rand);
  const recruitment = await addDemoVacancies(ctx);
  const engagement = await addDemoEngagement(ctx, rand);
  return { people: personRows.length, groups: groupRows.length, ...tracking, vacancies: recruitment.vacancies, assessments: engagement.assessments, nudges: engagement.nudges };
}
