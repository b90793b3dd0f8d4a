import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { pgArray } from '../links/store.ts';

/**
 * Gives vacancies their themes from the theme rules — a department, or a keyword in the title
 * (case-insensitive) — unless someone set a vacancy's themes by hand.
 */
export async function applyThemeRules(tx: Tx, vacancyIds: readonly string[]): Promise<void> {
  if (vacancyIds.length === 0) return;
  const ids = sql`${pgArray([...vacancyIds])}::uuid[]`;
  await tx.execute(sql`
    delete from vacancy_themes
    where vacancy_id = any(${ids}) and vacancy_id in (select id from vacancies where not themes_overridden)`);
  await tx.execute(sql`
    insert into vacancy_themes (vacancy_id, theme_id)
    select distinct v.id, r.theme_id
    from vacancies v
    join theme_rules r on (r.kind = 'department' and r.department_id = v.department_id)
      or (r.kind = 'keyword' and r.keyword <> '' and position(lower(r.keyword) in lower(v.title)) > 0)
    where v.id = any(${ids}) and not v.themes_overridden
    on conflict do nothing`);
}
