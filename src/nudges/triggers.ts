import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import type { NudgeTrigger, PersonaKey } from '../db/schema/index.ts';
import { pgArray } from '../links/store.ts';
import { CLICKS_PER_STORY, SHARES_PER_STORY, SUPPLY_WEEKS } from '../vacancies/gaps.ts';
import { vacancyPressureSql } from '../vacancies/pressure.ts';
import type { TemplateParams } from './schema.ts';

/**
 * The triggers: one set-wise query per template, answering every (person, subject) that should
 * get the nudge now and has not had it (the send key is not taken yet).
 *
 * - new_story: a story published in the last `withinHours` that the person may see (no target
 *   groups, or one of theirs), has not shared and did not write, in the person's language when a
 *   translation exists, and that is *theirs*: it features a colleague of their team or department,
 *   or carries a theme of a story they shared in the last 90 days, or a theme of an open vacancy of
 *   their department. `featuringTeamOnly` keeps only the first (the anchored colleague: rare).
 * - share_clicks: a share of the last `withinDays` whose human clicks reached `clicks`.
 * - share_application: a share with a touchpoint of an application (or hire) in the last `withinDays`.
 * - vacancy_needs_stories: an open vacancy of the person's department whose need (hiring
 *   pressure / (1 + supply of stories with its themes), as the content gap computes it) ≥ `minNeed`.
 * - inactive: no visit (people.last_seen_at, activity_daily) for `days`; once per absence.
 * - onboarding: `afterDays` after the person became active (status change, else creation), within two
 *   weeks of that day (ONBOARDING_WINDOW_DAYS: a step that meets the weekly cap waits a full week and
 *   is still due then); `onlyWithoutShares` skips people who shared already.
 * - leaving: alumni who left in the last `withinDays` and have not joined the alumni programme.
 */

export interface Candidate {
  personId: string;
  subjectType: string | null;
  subjectId: string | null;
  /** What makes the send key unique beside template and person. */
  subjectKey: string;
  /** Newest first within a trigger (epoch ms). */
  at: number;
  variables: Record<string, string | number>;
}

interface TemplateForTrigger {
  key: string;
  trigger: NudgeTrigger;
  params: TemplateParams;
  personas: PersonaKey[];
}

/**
 * How long an onboarding step stays due. The default steps (day 0, 3 and 7) meet the default cap of
 * one nudge a week, so the last one is only free to go on day 14: a one-week window lost it.
 */
export const ONBOARDING_WINDOW_DAYS = 14;

const hours = (n: number) => sql`(${n} * interval '1 hour')`;
const days = (n: number) => sql`(${n} * interval '1 day')`;

/** People a nudge may go to (employees who are active, or alumni for the leaving trigger), with persona. */
function eligible(template: TemplateForTrigger): SQL {
  const status = template.trigger === 'leaving' ? sql`p.ambassador_status = 'alumni'` : sql`p.ambassador_status = 'active' and p.active`;
  return sql`(select p.id, p.language, p.created_at, p.status_changed_at, p.last_seen_at, p.left_at, p.alumni_joined_at
      from people p left join person_personas pp on pp.person_id = p.id
      where ${status} and p.erased_at is null
        and coalesce(pp.persona, 'unknown') = any(${pgArray(template.personas)}::text[]))`;
}

function candidatesSql(template: TemplateForTrigger, now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  const e = eligible(template);
  const p = template.params as Record<string, number | boolean | string | undefined>;
  switch (template.trigger) {
    case 'new_story': {
      const team = sql`exists (select 1 from story_featured f
          join group_memberships gf on gf.person_id = f.person_id
          join group_memberships gp on gp.group_id = gf.group_id and gp.person_id = e.id
          join groups g on g.id = gp.group_id and g.kind in ('team', 'department')
          where f.story_id = s.id)`;
      const themes = sql`exists (select 1 from story_themes st
            join story_themes st2 on st2.theme_id = st.theme_id
            join shares sh on sh.story_id = st2.story_id and sh.person_id = e.id and sh.created_at > ${at} - ${days(90)}
            where st.story_id = s.id)
          or exists (select 1 from story_themes st
            join vacancy_themes vt on vt.theme_id = st.theme_id
            join vacancies v on v.id = vt.vacancy_id and v.status = 'open'
            join group_memberships gm on gm.group_id = v.department_id and gm.person_id = e.id
            where st.story_id = s.id)`;
      return sql`select e.id as person_id, 'story' as subject_type, s.id::text as subject_id, s.translation_group_id::text as subject_key,
          (extract(epoch from s.published_at) * 1000)::float8 as at, jsonb_build_object('storyTitle', s.title) as variables
        from ${e} e
        join stories s on s.status = 'published' and s.published_at > ${at} - ${hours(Number(p.withinHours ?? 48))} and s.published_at <= ${at}
        where (s.language = e.language or not exists (select 1 from stories s2 where s2.translation_group_id = s.translation_group_id
                 and s2.language = e.language and s2.status = 'published'))
          and (not exists (select 1 from story_target_groups tg where tg.story_id = s.id)
               or exists (select 1 from story_target_groups tg join group_memberships gm on gm.group_id = tg.group_id and gm.person_id = e.id where tg.story_id = s.id))
          and s.author_id is distinct from e.id
          and not exists (select 1 from shares sh join stories s3 on s3.id = sh.story_id where sh.person_id = e.id and s3.translation_group_id = s.translation_group_id)
          and (${team}${p.featuringTeamOnly ? sql`` : sql` or ${themes}`})`;
    }
    case 'share_clicks':
      return sql`select sh.person_id, 'share' as subject_type, sh.id::text as subject_id, sh.id::text as subject_key,
          (extract(epoch from sh.created_at) * 1000)::float8 as at,
          jsonb_build_object('storyTitle', coalesce(min(s.title), min(v.title), ''), 'clicks', sum(r.human_clicks)::int) as variables
        from shares sh
        join ${e} e on e.id = sh.person_id
        join click_rollups_daily r on r.share_id = sh.id
        left join stories s on s.id = sh.story_id
        left join vacancies v on v.id = sh.vacancy_id
        where sh.created_at > ${at} - ${days(Number(p.withinDays ?? 30))}
        group by sh.id, sh.person_id, sh.created_at
        having sum(r.human_clicks) >= ${Number(p.clicks ?? 10)}`;
    case 'share_application':
      return sql`select ct.person_id, 'share' as subject_type, ct.share_id::text as subject_id, ct.share_id::text as subject_key,
          max(extract(epoch from c.occurred_at) * 1000)::float8 as at,
          jsonb_build_object('storyTitle', coalesce(min(s.title), min(v.title), ''), 'applications', count(distinct c.id)::int) as variables
        from conversion_touchpoints ct
        join conversions c on c.id = ct.conversion_id and c.type in ('application', 'hire')
        join ${e} e on e.id = ct.person_id
        left join stories s on s.id = ct.story_id
        left join vacancies v on v.id = ct.vacancy_id
        where c.occurred_at > ${at} - ${days(Number(p.withinDays ?? 14))} and c.occurred_at <= ${at}
        group by ct.person_id, ct.share_id`;
    case 'vacancy_needs_stories':
      return sql`with supply as (
          select st.theme_id, sum(1 + coalesce(sc.shares, 0)::float8 / ${SHARES_PER_STORY} + coalesce(cc.clicks, 0)::float8 / ${CLICKS_PER_STORY}) as supply
          from stories s join story_themes st on st.story_id = s.id
          left join (select story_id, count(*) as shares from shares where created_at > ${at} - ${days(SUPPLY_WEEKS * 7)} group by story_id) sc on sc.story_id = s.id
          left join (select story_id, sum(human_clicks) as clicks from click_rollups_daily where day > (${at} - ${days(SUPPLY_WEEKS * 7)})::date group by story_id) cc on cc.story_id = s.id
          where s.status = 'published' and s.published_at > ${at} - ${days(SUPPLY_WEEKS * 7)}
          group by st.theme_id),
        need as (
          select v.id, v.title, v.department_id, (extract(epoch from v.opened_at) * 1000)::float8 as at,
            ${vacancyPressureSql(now)} / (1 + coalesce((select sum(su.supply) from vacancy_themes vt join supply su on su.theme_id = vt.theme_id where vt.vacancy_id = v.id), 0)) as need
          from vacancies v where v.status = 'open' and v.department_id is not null)
        select e.id as person_id, 'vacancy' as subject_type, n.id::text as subject_id, n.id::text as subject_key, n.at,
          jsonb_build_object('vacancyTitle', n.title, 'department', g.name) as variables
        from need n
        join groups g on g.id = n.department_id
        join group_memberships gm on gm.group_id = n.department_id
        join ${e} e on e.id = gm.person_id
        where n.need >= ${Number(p.minNeed ?? 1)}`;
    case 'inactive': {
      const d = Number(p.days ?? 30);
      return sql`select e.id as person_id, null as subject_type, null as subject_id,
          'since-' || to_char(coalesce(e.last_seen_at, e.status_changed_at, e.created_at) at time zone 'UTC', 'YYYY-MM-DD') as subject_key,
          (extract(epoch from coalesce(e.last_seen_at, e.status_changed_at, e.created_at)) * 1000)::float8 as at,
          jsonb_build_object('days', floor(extract(epoch from (${at} - coalesce(e.last_seen_at, e.status_changed_at, e.created_at))) / 86400)::int) as variables
        from ${e} e
        where coalesce(e.last_seen_at, e.status_changed_at, e.created_at) < ${at} - ${days(d)}
          and not exists (select 1 from activity_daily ad where ad.person_id = e.id and ad.day > (${at} - ${days(d)})::date)`;
    }
    case 'onboarding': {
      const after = Number(p.afterDays ?? 0);
      const anchor = sql`coalesce(e.status_changed_at, e.created_at)`;
      return sql`select e.id as person_id, null as subject_type, null as subject_id, ${String(p.step ?? 'step')} as subject_key,
          (extract(epoch from ${anchor}) * 1000)::float8 as at, '{}'::jsonb as variables
        from ${e} e
        where ${anchor} + ${days(after)} <= ${at} and ${anchor} + ${days(after + ONBOARDING_WINDOW_DAYS)} > ${at}
          ${p.onlyWithoutShares ? sql`and not exists (select 1 from shares sh where sh.person_id = e.id)` : sql``}`;
    }
    case 'leaving':
      return sql`select e.id as person_id, null as subject_type, null as subject_id,
          'left-' || to_char(e.left_at at time zone 'UTC', 'YYYY-MM-DD') as subject_key,
          (extract(epoch from e.left_at) * 1000)::float8 as at, '{}'::jsonb as variables
        from ${e} e
        where e.left_at is not null and e.left_at > ${at} - ${days(Number(p.withinDays ?? 30))} and e.left_at <= ${at} and e.alumni_joined_at is null`;
  }
}

/** Every candidate of one template whose send key is still free. */
export async function findCandidates(tx: Tx, template: TemplateForTrigger, now: Date): Promise<Candidate[]> {
  const result = await tx.execute(sql`select c.* from (${candidatesSql(template, now)}) c
    where not exists (select 1 from nudges n where n.send_key = ${`${template.key}:`} || c.person_id::text || ':' || c.subject_key)
    order by c.at desc`);
  return rowsOf<{ person_id: string; subject_type: string | null; subject_id: string | null; subject_key: string; at: number; variables: Record<string, string | number> | string }>(result).map(
    (row) => ({
      personId: row.person_id,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      subjectKey: row.subject_key,
      at: Number(row.at),
      variables: typeof row.variables === 'string' ? JSON.parse(row.variables) : row.variables,
    }),
  );
}

/** The send key: one nudge per template, person and subject (story, share, vacancy, step or period). */
export const sendKeyOf = (templateKey: string, personId: string, subjectKey: string): string => `${templateKey}:${personId}:${subjectKey}`;
