import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { rowsOf } from '../db/rows.ts';
import { contentGapSnapshots, type Language } from '../db/schema/index.ts';
import { listContentGaps } from '../vacancies/gaps.ts';

/** One theme's content gap in one week: the latest daily snapshot of that week. */
export interface GapWeekRow {
  /** Monday of the ISO week (UTC). */
  week: string;
  /** The day of the snapshot the week is represented by. */
  day: string;
  theme: { id: string; key: string; name: string };
  pressure: number;
  supply: number;
  need: number;
  openVacancies: number;
  recentStories: number;
}

/**
 * Writes today's content gap (the figures of the content-gap view, src/vacancies/gaps.ts) to
 * content_gap_snapshots, one row per theme with open vacancies. Run again on the same day it
 * replaces that day's rows, so a retried job or a second node leaves one snapshot per day.
 */
export async function snapshotContentGap(ctx: AppContext): Promise<{ day: string; themes: number }> {
  const day = ctx.clock.now().toISOString().slice(0, 10);
  const gaps = await listContentGaps(ctx, 'en', { suggestions: false });
  const rows = gaps.items.map((gap) => ({
    day,
    themeId: gap.theme.id,
    pressure: gap.pressure,
    supply: gap.supply,
    need: gap.need,
    openVacancies: gap.vacancyCount,
    recentStories: gap.storyCount,
  }));
  await ctx.database.db.transaction(async (tx) => {
    // A theme whose gap closed since an earlier run today has no row left for the day.
    await tx.delete(contentGapSnapshots).where(eq(contentGapSnapshots.day, day));
    if (rows.length > 0) await tx.insert(contentGapSnapshots).values(rows);
  });
  return { day, themes: rows.length };
}

/**
 * The content gap over time: per ISO week in the range and theme, the figures of the week's latest
 * snapshot (a week's missing days do not count as zero). Themes are named in the reader's language.
 */
export async function gapWeeks(ctx: AppContext, range: { from: string; to: string }, language: Language): Promise<GapWeekRow[]> {
  const rows = rowsOf<{
    week: string;
    day: string;
    theme_id: string;
    key: string;
    name_en: string;
    name_nl: string;
    pressure: number;
    supply: number;
    need: number;
    open_vacancies: number;
    recent_stories: number;
  }>(
    await ctx.database.db.execute(sql`
      with latest as (
        select date_trunc('week', g.day)::date as week, max(g.day) as day
        from content_gap_snapshots g
        where g.day >= ${range.from}::date and g.day <= ${range.to}::date
        group by 1
      )
      select l.week::text as week, l.day::text as day, t.id as theme_id, t.key, t.name_en, t.name_nl,
        g.pressure, g.supply, g.need, g.open_vacancies, g.recent_stories
      from latest l
      join content_gap_snapshots g on g.day = l.day
      join themes t on t.id = g.theme_id
      order by l.week, g.need desc, t.key`),
  );
  return rows.map((row) => ({
    week: row.week,
    day: row.day,
    theme: { id: row.theme_id, key: row.key, name: language === 'nl' ? row.name_nl : row.name_en },
    pressure: Number(row.pressure),
    supply: Number(row.supply),
    need: Number(row.need),
    openVacancies: Number(row.open_vacancies),
    recentStories: Number(row.recent_stories),
  }));
}
