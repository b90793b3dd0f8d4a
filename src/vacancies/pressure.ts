import { sql } from 'drizzle-orm';
import { type AppContext, perContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import type { Urgency } from '../db/schema/index.ts';
import { RecentCache } from '../public/cache.ts';
import { rowsOf } from '../db/rows.ts';

/**
 * Hiring pressure: how badly the organisation needs people for a theme. Per open vacancy it is
 *
 *     openings × urgency weight × (1 + days open / 30), days open counted up to 90
 *
 * so a critical role with two openings that has been open for two months weighs 2 × 4 × 3 = 24,
 * and a normal one opened today weighs 1. A theme's pressure is the sum over its open vacancies.
 */
export const URGENCY_WEIGHTS: Record<Urgency, number> = { low: 0.5, normal: 1, high: 2, critical: 4 };
export const MAX_DAYS_OPEN = 90;
export const DAYS_PER_STEP = 30;

export function vacancyPressure(vacancy: { openings: number; urgency: Urgency; openedAt: Date }, now: Date): number {
  const daysOpen = Math.min(MAX_DAYS_OPEN, Math.max(0, (now.getTime() - vacancy.openedAt.getTime()) / 86_400_000));
  return vacancy.openings * URGENCY_WEIGHTS[vacancy.urgency] * (1 + daysOpen / DAYS_PER_STEP);
}

/** The same formula in SQL, for a row of `vacancies` aliased `v`. */
export function vacancyPressureSql(now: Date) {
  return sql`(v.openings * (case v.urgency when 'low' then 0.5 when 'high' then 2 when 'critical' then 4 else 1 end)
    * (1 + least(${MAX_DAYS_OPEN}, greatest(0, extract(epoch from (${now.toISOString()}::timestamptz - v.opened_at)) / 86400)) / ${DAYS_PER_STEP}))::float8`;
}

export interface ThemePressure {
  /** Sum over the theme's open vacancies. */
  total: number;
  /** The part of the total from vacancies in each department (group id); vacancies without one are left out. */
  byDepartment: Map<string, number>;
  /** How many open vacancies carry the theme. */
  vacancies: number;
}

/** Hiring pressure per theme (theme id → pressure), from every open vacancy, in one grouped query. */
export async function loadThemePressure(tx: Tx, now: Date): Promise<Map<string, ThemePressure>> {
  const result = await tx.execute(sql`
    select vt.theme_id, v.department_id, sum(${vacancyPressureSql(now)})::float8 as pressure, count(*)::int as n
    from vacancies v join vacancy_themes vt on vt.vacancy_id = v.id
    where v.status = 'open'
    group by vt.theme_id, v.department_id`);
  const rows = rowsOf<{ theme_id: string; department_id: string | null; pressure: number; n: number }>(result);
  const byTheme = new Map<string, ThemePressure>();
  for (const row of rows) {
    let theme = byTheme.get(row.theme_id);
    if (!theme) {
      theme = { total: 0, byDepartment: new Map(), vacancies: 0 };
      byTheme.set(row.theme_id, theme);
    }
    const pressure = Number(row.pressure);
    theme.total += pressure;
    theme.vacancies += Number(row.n);
    if (row.department_id) theme.byDepartment.set(row.department_id, (theme.byDepartment.get(row.department_id) ?? 0) + pressure);
  }
  return byTheme;
}

/**
 * Theme pressure as the feed reads it: remembered for a minute per app, since it moves with
 * urgency edits and syncs, not with every request. `forgetThemePressure` drops it at once.
 */
const remembered = perContext(() => new RecentCache<Map<string, ThemePressure>>(60_000, 1));

export async function themePressure(ctx: AppContext): Promise<Map<string, ThemePressure>> {
  const now = ctx.clock.now();
  let known = remembered(ctx).get('all', now.getTime());
  if (!known) {
    known = await loadThemePressure(ctx.database.db, now);
    remembered(ctx).set('all', known, now.getTime());
  }
  return known;
}

/** Called after a vacancy's urgency, openings, themes or status change (edits, syncs). */
export function forgetThemePressure(ctx: AppContext): void {
  remembered(ctx).delete('all');
}
