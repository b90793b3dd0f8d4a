import { and, asc, eq, gte, inArray, isNotNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { clickRollupsDaily, conversions, conversionTouchpoints, people, shares, vacancies } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { canViewPersonStats } from '../stats/policy.ts';
import { type DayRange, dayRange } from '../stats/range.ts';
import type { RangeQuery } from '../stats/schema.ts';
import { occurredWithin } from '../stats/service.ts';
import type { AmbassadorFunnel, PersonVacancyStats, VacancyFunnel } from './funnel-schema.ts';
import { listedIndividually } from '../people/visibility.ts';

/*
 * Referral funnels: shares → human clicks → applications → hires, per vacancy and per ambassador.
 * Shares come from `shares`, clicks from the daily rollups (never raw clicks), conversions from
 * their vacancy (see conversions/service.ts: the reporter's vacancyId, the ATS job id, or the
 * vacancy share they came through) and their touchpoints. An ambassador's applications are those
 * with a touchpoint on any of their shares — a vacancy share or a story ("meet the team") whose
 * click led to an application for the vacancy; an application touched by two ambassadors counts
 * for both (the attribution report splits credit instead).
 */

const DAY_MS = 86_400_000;
const c = conversions;
const tp = conversionTouchpoints;
const r = clickRollupsDaily;

type Counts = Omit<AmbassadorFunnel, 'person'>;
const zero = (): Counts => ({ shares: 0, humanClicks: 0, applications: 0, hires: 0 });

/** Conditions on a share's time and a rollup's day for a range of days. */
const sharedWithin = (range: DayRange): (SQL | undefined)[] => [range.start ? gte(shares.createdAt, range.start) : undefined, range.end ? lt(shares.createdAt, range.end) : undefined];
const clickedWithin = (range: DayRange): (SQL | undefined)[] => [range.from ? gte(r.day, range.from) : undefined, range.to ? lte(r.day, range.to) : undefined];

/**
 * People who paused or left the programme (opted out) or were erased are named in no funnel: their
 * shares, clicks and conversions stay in the organisation's totals, like the click rollups after
 * erasure. One rule for every individual view: src/people/visibility.ts.
 */
const isUnlisted = (person: { ambassadorStatus: string; erasedAt: Date | null }): boolean => !listedIndividually(person);

/** Adds per-key counts into a map of counters, creating the entry on first sight. */
function tally<K>(into: Map<K, Counts>, key: K, field: keyof Counts, n: number): void {
  let counts = into.get(key);
  if (!counts) {
    counts = zero();
    into.set(key, counts);
  }
  counts[field] += n;
}

/** Most applications first, then hires, clicks and shares; ties by name (or title) for a stable order. */
const byResults = (a: Counts & { label: string; id: string }, b: Counts & { label: string; id: string }): number =>
  b.applications - a.applications || b.hires - a.hires || b.humanClicks - a.humanClicks || b.shares - a.shares || a.label.localeCompare(b.label) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Application and hire counts per (key, type), from conversions with a touchpoint of the key. */
async function touchedConversions(tx: Tx, key: typeof tp.personId | typeof c.vacancyId, where: SQL | undefined) {
  return tx
    .select({ key, type: c.type, n: sql<number>`count(distinct ${c.id})::int` })
    .from(tp)
    .innerJoin(c, eq(c.id, tp.conversionId))
    .where(and(where, inArray(c.type, ['application', 'hire'])))
    .groupBy(key, c.type);
}

/** Time to fill: from opening to the first hire or the closing, whichever came first. */
function timeToFill(vacancy: { openedAt: Date; closedAt: Date | null }, firstHire: Date | null): Pick<VacancyFunnel, 'timeToFillDays' | 'filledAt' | 'filledBy'> {
  const candidates = [
    ...(firstHire ? [{ at: firstHire, by: 'hire' as const }] : []),
    ...(vacancy.closedAt ? [{ at: vacancy.closedAt, by: 'closed' as const }] : []),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const end = candidates[0];
  if (!end) return { timeToFillDays: null, filledAt: null, filledBy: null };
  // A hire reported with a time before the opening date (a re-posted job) fills it on day 0.
  const days = Math.max(0, end.at.getTime() - vacancy.openedAt.getTime()) / DAY_MS;
  return { timeToFillDays: Number(days.toFixed(1)), filledAt: end.at.toISOString(), filledBy: end.by };
}

/**
 * A vacancy's referral funnel over a range of days: its shares, their clicks, the applications
 * and hires reported for it (all, and those through advocacy), time to fill, and each
 * ambassador's part.
 */
export async function vacancyFunnel(ctx: AppContext, vacancyId: string, query: RangeQuery): Promise<VacancyFunnel> {
  const range = dayRange(query);
  const db = ctx.database.db;
  const [vacancy] = await db.select().from(vacancies).where(eq(vacancies.id, vacancyId)).limit(1);
  if (!vacancy) throw notFound('vacancy_not_found', vacancyId);
  const ofVacancy = and(eq(c.vacancyId, vacancyId), ...occurredWithin(range));
  const [shareRows, clickRows, conversionRows, viaRows, touchRows, [firstHire]] = await Promise.all([
    db
      .select({ personId: shares.personId, n: sql<number>`count(*)::int` })
      .from(shares)
      .where(and(eq(shares.vacancyId, vacancyId), ...sharedWithin(range)))
      .groupBy(shares.personId),
    db
      .select({ personId: r.personId, n: sql<number>`sum(${r.humanClicks})::int` })
      .from(r)
      .where(and(eq(r.vacancyId, vacancyId), ...clickedWithin(range)))
      .groupBy(r.personId),
    db
      .select({ type: c.type, all: sql<number>`count(*)::int`, advocacy: sql<number>`(count(*) filter (where ${c.touchpointCount} > 0))::int` })
      .from(c)
      .where(ofVacancy)
      .groupBy(c.type),
    db
      .select({
        vacancyShares: sql<number>`(count(distinct ${c.id}) filter (where ${tp.itemType} = 'vacancy'))::int`,
        storyShares: sql<number>`(count(distinct ${c.id}) filter (where ${tp.itemType} = 'story'))::int`,
      })
      .from(tp)
      .innerJoin(c, eq(c.id, tp.conversionId))
      .where(and(ofVacancy, eq(c.type, 'application'))),
    touchedConversions(db, tp.personId, ofVacancy),
    // Time to fill is the vacancy's whole life, whatever the range.
    db
      .select({ at: c.occurredAt })
      .from(c)
      .where(and(eq(c.vacancyId, vacancyId), eq(c.type, 'hire')))
      .orderBy(asc(c.occurredAt))
      .limit(1),
  ]);

  const perPerson = new Map<string, Counts>();
  for (const row of shareRows) tally(perPerson, row.personId, 'shares', row.n);
  for (const row of clickRows) tally(perPerson, row.personId, 'humanClicks', row.n);
  for (const row of touchRows) if (row.key) tally(perPerson, row.key, row.type === 'hire' ? 'hires' : 'applications', row.n);
  const found = perPerson.size
    ? await db
        .select({ id: people.id, name: people.name, ambassadorStatus: people.ambassadorStatus, erasedAt: people.erasedAt })
        .from(people)
        .where(inArray(people.id, [...perPerson.keys()]))
    : [];
  const listed = found.filter((person) => !isUnlisted(person));
  const byAmbassador = listed
    .map((person) => ({ ...(perPerson.get(person.id) ?? zero()), label: person.name, id: person.id, person: { id: person.id, name: person.name } }))
    .sort(byResults)
    .map(({ person, shares: made, humanClicks, applications, hires }) => ({ person, shares: made, humanClicks, applications, hires }));

  const ofType = (type: string) => conversionRows.find((row) => row.type === type);
  const applications = ofType('application')?.all ?? 0;
  const advocacyApplications = ofType('application')?.advocacy ?? 0;
  return {
    vacancy: {
      id: vacancy.id,
      title: vacancy.title,
      slug: vacancy.slug,
      status: vacancy.status,
      openings: vacancy.openings,
      openedAt: vacancy.openedAt.toISOString(),
      closedAt: vacancy.closedAt?.toISOString() ?? null,
    },
    from: range.from,
    to: range.to,
    funnel: {
      shares: shareRows.reduce((sum, row) => sum + row.n, 0),
      ambassadors: shareRows.length,
      humanClicks: clickRows.reduce((sum, row) => sum + row.n, 0),
      applyStarted: ofType('apply_started')?.all ?? 0,
      applications,
      hires: ofType('hire')?.all ?? 0,
    },
    advocacy: {
      applyStarted: ofType('apply_started')?.advocacy ?? 0,
      applications: advocacyApplications,
      hires: ofType('hire')?.advocacy ?? 0,
      applicationsViaVacancyShares: viaRows[0]?.vacancyShares ?? 0,
      applicationsViaStoryShares: viaRows[0]?.storyShares ?? 0,
    },
    advocacyShare: applications === 0 ? null : Number((advocacyApplications / applications).toFixed(4)),
    ...timeToFill(vacancy, firstHire?.at ?? null),
    byAmbassador,
    unlistedAmbassadors: found.length - listed.length,
  };
}

/**
 * One ambassador's referral funnel per vacancy over a range of days. Staff see anyone who is
 * still in the programme; a person sees their own, always.
 */
export async function personVacancyStats(ctx: AppContext, auth: SignedIn, personId: string, query: RangeQuery): Promise<PersonVacancyStats> {
  const range = dayRange(query);
  // Someone else's id is a 403 whether or not it exists, so the answer tells nothing about who is in Podium.
  if (!canViewPersonStats(auth, personId)) throw new AppError(403, 'forbidden', 'error.stats_own_only');
  const db = ctx.database.db;
  const [person] = await db
    .select({ id: people.id, name: people.name, ambassadorStatus: people.ambassadorStatus, erasedAt: people.erasedAt })
    .from(people)
    .where(eq(people.id, personId))
    .limit(1);
  if (!person) throw notFound('person_not_found', personId);
  if (auth.personId !== personId && isUnlisted(person)) throw new AppError(403, 'person_opted_out', 'error.person_unlisted');

  const [shareRows, clickRows, touchRows] = await Promise.all([
    db
      .select({ vacancyId: shares.vacancyId, n: sql<number>`count(*)::int` })
      .from(shares)
      .where(and(eq(shares.personId, personId), isNotNull(shares.vacancyId), ...sharedWithin(range)))
      .groupBy(shares.vacancyId),
    db
      .select({ vacancyId: r.vacancyId, n: sql<number>`sum(${r.humanClicks})::int` })
      .from(r)
      .where(and(eq(r.personId, personId), isNotNull(r.vacancyId), ...clickedWithin(range)))
      .groupBy(r.vacancyId),
    touchedConversions(db, c.vacancyId, and(eq(tp.personId, personId), isNotNull(c.vacancyId), ...occurredWithin(range))),
  ]);
  const perVacancy = new Map<string, Counts>();
  for (const row of shareRows) if (row.vacancyId) tally(perVacancy, row.vacancyId, 'shares', row.n);
  for (const row of clickRows) if (row.vacancyId) tally(perVacancy, row.vacancyId, 'humanClicks', row.n);
  for (const row of touchRows) if (row.key) tally(perVacancy, row.key, row.type === 'hire' ? 'hires' : 'applications', row.n);
  // A conversion may name a vacancy id Podium does not hold (vacancyId has no foreign key): left out.
  const known = perVacancy.size
    ? await db
        .select({ id: vacancies.id, title: vacancies.title, slug: vacancies.slug, status: vacancies.status })
        .from(vacancies)
        .where(inArray(vacancies.id, [...perVacancy.keys()]))
    : [];
  const items = known
    .map((vacancy) => ({ ...(perVacancy.get(vacancy.id) ?? zero()), label: vacancy.title, id: vacancy.id, vacancy }))
    .sort(byResults)
    .map(({ vacancy, shares: made, humanClicks, applications, hires }) => ({ vacancy, shares: made, humanClicks, applications, hires }));
  const totals = zero();
  for (const item of items) for (const field of Object.keys(totals) as (keyof Counts)[]) totals[field] += item[field];
  return { person: { id: person.id, name: person.name }, from: range.from, to: range.to, totals, items };
}

/** One vacancy's row in the funnel over every vacancy. */
export interface VacancyFunnelRow {
  vacancy: { id: string; title: string; slug: string; status: 'open' | 'closed' };
  shares: number;
  humanClicks: number;
  applications: number;
  advocacyApplications: number;
  hires: number;
  advocacyHires: number;
}

/**
 * The referral funnel of every vacancy with something in the range (a share, a click on one, an
 * application or a hire), counted as `vacancyFunnel` counts them — shares by when they were made,
 * human clicks from the daily rollups, conversions by when they occurred and through advocacy when
 * they have a touchpoint — in four grouped queries rather than one funnel per vacancy. Most
 * applications first; at most `limit` rows.
 */
export async function vacancyFunnelRows(ctx: AppContext, query: RangeQuery, limit = 100): Promise<VacancyFunnelRow[]> {
  const range = dayRange(query);
  const db = ctx.database.db;
  const [shareRows, clickRows, conversionRows] = await Promise.all([
    db
      .select({ vacancyId: shares.vacancyId, n: sql<number>`count(*)::int` })
      .from(shares)
      .where(and(isNotNull(shares.vacancyId), ...sharedWithin(range)))
      .groupBy(shares.vacancyId),
    db
      .select({ vacancyId: r.vacancyId, n: sql<number>`sum(${r.humanClicks})::int` })
      .from(r)
      .where(and(isNotNull(r.vacancyId), ...clickedWithin(range)))
      .groupBy(r.vacancyId),
    db
      .select({ vacancyId: c.vacancyId, type: c.type, all: sql<number>`count(*)::int`, advocacy: sql<number>`(count(*) filter (where ${c.touchpointCount} > 0))::int` })
      .from(c)
      .where(and(isNotNull(c.vacancyId), inArray(c.type, ['application', 'hire']), ...occurredWithin(range)))
      .groupBy(c.vacancyId, c.type),
  ]);
  const rows = new Map<string, Omit<VacancyFunnelRow, 'vacancy'>>();
  const rowOf = (id: string) => {
    let row = rows.get(id);
    if (!row) {
      row = { shares: 0, humanClicks: 0, applications: 0, advocacyApplications: 0, hires: 0, advocacyHires: 0 };
      rows.set(id, row);
    }
    return row;
  };
  for (const row of shareRows) if (row.vacancyId) rowOf(row.vacancyId).shares += row.n;
  for (const row of clickRows) if (row.vacancyId) rowOf(row.vacancyId).humanClicks += row.n;
  for (const row of conversionRows) {
    if (!row.vacancyId) continue;
    const counts = rowOf(row.vacancyId);
    if (row.type === 'hire') {
      counts.hires += row.all;
      counts.advocacyHires += row.advocacy;
    } else {
      counts.applications += row.all;
      counts.advocacyApplications += row.advocacy;
    }
  }
  // A conversion may name a vacancy id Podium does not hold (vacancyId has no foreign key): left out.
  const known = rows.size
    ? await db
        .select({ id: vacancies.id, title: vacancies.title, slug: vacancies.slug, status: vacancies.status })
        .from(vacancies)
        .where(inArray(vacancies.id, [...rows.keys()]))
    : [];
  return known
    .map((vacancy) => ({ vacancy, ...(rows.get(vacancy.id) as Omit<VacancyFunnelRow, 'vacancy'>) }))
    .sort(
      (a, b) =>
        b.applications - a.applications ||
        b.hires - a.hires ||
        b.humanClicks - a.humanClicks ||
        b.shares - a.shares ||
        a.vacancy.title.localeCompare(b.vacancy.title) ||
        (a.vacancy.id < b.vacancy.id ? -1 : a.vacancy.id > b.vacancy.id ? 1 : 0),
    )
    .slice(0, limit);
}
