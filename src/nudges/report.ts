import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { rowsOf } from '../db/rows.ts';
import type { PersonaKey } from '../db/schema/index.ts';
import { MIN_GROUP_SIZE } from '../personas/flow.ts';
import type { NudgeReport } from './schema.ts';

/**
 * Effectiveness per template and persona: what was decided, sent, held out, opened and clicked,
 * and how often a share followed within 7 days — of anything, since sharing is the goal — for the
 * nudged (from the moment it was sent) and for the holdout (from the moment it would have been).
 * Uplift = nudged share rate − holdout share rate, in percentage points. Below 30 nudged or 10 held
 * out the difference is noise: the row says "too few to say" and gives no uplift.
 */
export const MIN_NUDGED = 30;
export const MIN_HOLDOUT = 10;
export const FOLLOW_UP_DAYS = 7;

/**
 * `hideSmallGroups` (everyone but admins): a persona is seen by the person and admins only, so a
 * row about fewer than MIN_GROUP_SIZE people of a persona is left out rather than shown.
 */
export async function nudgeReport(ctx: AppContext, days: number, options: { hideSmallGroups: boolean } = { hideSmallGroups: true }): Promise<NudgeReport> {
  const now = ctx.clock.now();
  const from = new Date(now.getTime() - days * 86_400_000).toISOString();
  const result = await ctx.database.db.execute(sql`
    select t.key as template_key, n.persona,
      count(*)::int as decided,
      count(distinct n.person_id)::int as people,
      count(*) filter (where n.status = 'sent')::int as sent,
      count(*) filter (where n.status = 'holdout')::int as holdout,
      count(*) filter (where n.status = 'suppressed')::int as suppressed,
      count(*) filter (where n.status = 'failed')::int as failed,
      count(n.opened_at)::int as opened,
      count(n.clicked_at)::int as clicked,
      count(*) filter (where n.status = 'sent' and f.shared)::int as shared_after_nudge,
      count(*) filter (where n.status = 'holdout' and f.shared)::int as shared_in_holdout
    from nudges n
    join nudge_templates t on t.id = n.template_id
    cross join lateral (select exists (
        select 1 from shares s where s.person_id = n.person_id
          and s.created_at >= coalesce(n.sent_at, n.scheduled_for)
          and s.created_at < coalesce(n.sent_at, n.scheduled_for) + ${FOLLOW_UP_DAYS} * interval '1 day') as shared) f
    where n.created_at >= ${from}::timestamptz
    group by t.key, n.persona
    order by t.key, n.persona`);
  const rows = rowsOf<{
    template_key: string;
    persona: PersonaKey;
    decided: number;
    people: number;
    sent: number;
    holdout: number;
    suppressed: number;
    failed: number;
    opened: number;
    clicked: number;
    shared_after_nudge: number;
    shared_in_holdout: number;
  }>(result).filter((row) => !options.hideSmallGroups || Number(row.people) >= MIN_GROUP_SIZE).map((row) => {
    const sent = Number(row.sent);
    const holdout = Number(row.holdout);
    const nudgedRate = sent > 0 ? Number(row.shared_after_nudge) / sent : null;
    const holdoutRate = holdout > 0 ? Number(row.shared_in_holdout) / holdout : null;
    const tooFewToSay = sent < MIN_NUDGED || holdout < MIN_HOLDOUT;
    return {
      templateKey: row.template_key,
      persona: row.persona,
      decided: Number(row.decided),
      sent,
      holdout,
      suppressed: Number(row.suppressed),
      failed: Number(row.failed),
      opened: Number(row.opened),
      clicked: Number(row.clicked),
      sharedAfterNudge: Number(row.shared_after_nudge),
      sharedInHoldout: Number(row.shared_in_holdout),
      shareRateNudged: nudgedRate,
      shareRateHoldout: holdoutRate,
      upliftPoints: tooFewToSay || nudgedRate === null || holdoutRate === null ? null : Math.round((nudgedRate - holdoutRate) * 1000) / 10,
      tooFewToSay,
    };
  });
  return { days, minimumNudged: MIN_NUDGED, minimumHoldout: MIN_HOLDOUT, rows };
}
