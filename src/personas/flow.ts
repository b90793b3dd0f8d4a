import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { rowsOf } from '../db/rows.ts';
import { type PersonaKey, personaKeys } from '../db/schema/engagement.ts';
import { groups } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { weekOf } from './model.ts';
import type { FlowQuery, PersonaFlow } from './schema.ts';

/** No count about fewer people than this is shown. */
export const MIN_GROUP_SIZE = 5;
/** The longest period a flow report covers. */
const MAX_PERIOD_DAYS = 2 * 366;

type Counts = Record<PersonaKey, number>;
type Cells = Record<PersonaKey, number | null>;

/**
 * Hides every count of 1–4 and 0 (a group below 5 people), then — when exactly one cell of a row
 * is hidden — also the smallest shown one, so a hidden count cannot be worked out from a known
 * headcount minus the others (complementary suppression).
 */
export function suppressRow(counts: Counts): { cells: Cells; suppressed: boolean } {
  const cells = {} as Cells;
  let hidden = 0;
  for (const persona of personaKeys) {
    const n = counts[persona] ?? 0;
    const hide = n < MIN_GROUP_SIZE;
    cells[persona] = hide ? null : n;
    if (hide) hidden++;
  }
  if (hidden === 1) {
    let smallest: PersonaKey | null = null;
    for (const persona of personaKeys) {
      const n = cells[persona];
      if (n !== null && (smallest === null || n < (cells[smallest] as number))) smallest = persona;
    }
    if (smallest) {
      cells[smallest] = null;
      hidden++;
    }
  }
  return { cells, suppressed: hidden > 0 };
}

const emptyCounts = (): Counts => ({ anchored: 0, loyal_fan: 0, cautious_mover: 0, job_hopper: 0, unknown: 0 });

/** The first day of the quarter a moment falls in (UTC), as yyyy-mm-dd. */
function quarterStart(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1)).toISOString().slice(0, 10);
}

/**
 * The persona flow report: how many people moved from one persona to another between the start and
 * the end of a period (this quarter by default), and the distribution per week — "from following
 * comes sharing; from sharing comes ambassadorship", measured. Aggregates only, never a group or cell
 * below MIN_GROUP_SIZE people; optionally for one department.
 */
export async function personaFlow(ctx: AppContext, query: FlowQuery): Promise<PersonaFlow> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const from = query.from ?? quarterStart(now);
  const to = query.to ?? now.toISOString().slice(0, 10);
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days < 0 || days > MAX_PERIOD_DAYS) throw new AppError(400, 'invalid_period', 'error.persona_flow_period', { days: MAX_PERIOD_DAYS });
  let department: PersonaFlow['department'] = null;
  if (query.department) {
    const [group] = await db
      .select({ id: groups.id, name: groups.name })
      .from(groups)
      .where(and(eq(groups.id, query.department), eq(groups.kind, 'department')))
      .limit(1);
    if (!group) throw notFound('group_not_found', query.department);
    department = group;
  }
  const fromWeek = weekOf(new Date(`${from}T00:00:00Z`));
  const toWeek = weekOf(new Date(`${to}T00:00:00Z`));
  // The people in scope: not erased, in the department when one is asked for.
  const members = sql`select p.id from people p where p.erased_at is null
    ${department ? sql`and exists (select 1 from group_memberships gm where gm.person_id = p.id and gm.group_id = ${department.id}::uuid)` : sql``}`;
  const [sizeRows, weekRows, transitionRows] = await Promise.all([
    db.execute(sql`select count(*)::int as n from (${members}) m`).then((r) => rowsOf<{ n: number }>(r)),
    db
      .execute(sql`
        select h.week::text as week, h.persona, count(*)::int as n
        from persona_history h join (${members}) m on m.id = h.person_id
        where h.week >= ${fromWeek}::date and h.week <= ${toWeek}::date
        group by 1, 2 order by 1`)
      .then((r) => rowsOf<{ week: string; persona: PersonaKey; n: number }>(r)),
    db
      .execute(sql`
        with scoped as (select h.person_id, h.week, h.persona from persona_history h join (${members}) m on m.id = h.person_id where h.week <= ${toWeek}::date),
        -- At the start: the latest week up to the period's first, else (classified later) the first week in the period.
        at_start as (
          select distinct on (person_id) person_id, persona from scoped
          order by person_id, week > ${fromWeek}::date,
            case when week <= ${fromWeek}::date then ${fromWeek}::date - week else week - ${fromWeek}::date end
        ),
        at_end as (select distinct on (person_id) person_id, persona from scoped order by person_id, week desc)
        select coalesce(s.persona, 'unknown') as from_persona, e.persona as to_persona, count(*)::int as n
        from at_end e left join at_start s on s.person_id = e.person_id
        group by 1, 2`)
      .then((r) => rowsOf<{ from_persona: PersonaKey; to_persona: PersonaKey; n: number }>(r)),
  ]);
  const size = Number(sizeRows[0]?.n ?? 0);
  if (size < MIN_GROUP_SIZE) return { from, to, department, minGroupSize: MIN_GROUP_SIZE, groupTooSmall: true, weeks: [], transitions: [], suppressed: true };
  let suppressed = false;
  const byWeek = new Map<string, Counts>();
  for (const row of weekRows) {
    const counts = byWeek.get(row.week) ?? emptyCounts();
    counts[row.persona] = Number(row.n);
    byWeek.set(row.week, counts);
  }
  const weeks = [...byWeek].map(([week, counts]) => {
    const row = suppressRow(counts);
    suppressed ||= row.suppressed;
    return { week, counts: row.cells };
  });
  const byFrom = new Map<PersonaKey, Counts>(personaKeys.map((p) => [p, emptyCounts()]));
  for (const row of transitionRows) (byFrom.get(row.from_persona) as Counts)[row.to_persona] = Number(row.n);
  const transitions: PersonaFlow['transitions'] = [];
  for (const [fromPersona, counts] of byFrom) {
    // A persona nobody started from says nothing about anyone: no row.
    if (Object.values(counts).every((n) => n === 0)) continue;
    const row = suppressRow(counts);
    suppressed ||= row.suppressed;
    for (const toPersona of personaKeys) transitions.push({ from: fromPersona, to: toPersona, count: row.cells[toPersona] });
  }
  return { from, to, department, minGroupSize: MIN_GROUP_SIZE, groupTooSmall: false, weeks, transitions, suppressed };
}
