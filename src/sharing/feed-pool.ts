import { and, eq, gt, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { stories } from '../db/schema/index.ts';
import type { ThemePressure } from '../vacancies/pressure.ts';
import { type FeedProfile, fitsProfile } from '../personas/feed-hint.ts';
import { byScore, hiringDepartments, type PressureView, pressureView, type Ranked, type Scored, type StoryFacts, scoreOnly, scoreStory } from './ranking.ts';
import { rowsOf } from '../db/rows.ts';

/**
 * The ranking looks at the newest stories, up to this many, plus every story of a campaign running
 * today. Older stories follow, newest first, so search and long scrolls still reach every story.
 * Podium's organisations publish dozens of stories a year, so in practice every story is ranked;
 * the bound keeps a ranking's cost fixed however large the archive grows.
 */
export const RANKED_CANDIDATES = 500;

/** A story as the ranking knows it: what every reader's score needs. */
export interface PoolStory {
  id: string;
  publishedAt: Date;
  /** Empty: for everyone. */
  targetGroupIds: string[];
  themeIds: string[];
  /** Campaigns running today that hold the story. */
  campaignIds: string[];
  /** One of the newest stories (else only here for a campaign). */
  newest: boolean;
  format: string;
  /** Has at least one suggested share text (a ready text for a cautious mover, see src/personas/feed-hint.ts). */
  readyText: boolean;
}

export interface PoolCampaign {
  id: string;
  slug: string;
  name: string;
  startsOn: string;
  /** Empty: for everyone. */
  targetGroupIds: string[];
}

/**
 * The stories a ranking is made from, the same for every reader on one day and search: the newest
 * published stories whatever their target groups, the stories of campaigns running that day, and
 * those campaigns. Readers' rankings are worked out from it in memory, so a reader with groups of
 * their own costs no query here.
 */
export interface Pool {
  ref: number;
  today: string;
  /** The hiring pressure its rankings are scored with: a pool and its rankings never change once made, so paging through them is stable. */
  pressure: ReadonlyMap<string, ThemePressure>;
  stories: PoolStory[];
  campaigns: Map<string, PoolCampaign>;
  /** The oldest of the newest stories when older ones exist: the feed goes on from there by date. */
  tailAfter: { publishedAt: Date; id: string } | null;
  /** Everything above but the ref, as one string: two pools with the same content rank alike. */
  content: string;
}

/** The reader's groups as one uuid[] parameter (a text literal, so both engines take it alike). */
const groupArray = (groups: readonly string[]): SQL => sql`${`{${groups.join(',')}}`}::uuid[]`;

/** Published, inside its publish window at `ref` and not expired now, and (with `q`) matching the search. Target groups are left to the reader. */
function published(ref: Date, now: Date, q: string | undefined): SQL {
  const conditions = [
    eq(stories.status, 'published'),
    isNotNull(stories.publishedAt),
    lte(stories.publishedAt, ref),
    or(isNull(stories.publishAt), lte(stories.publishAt, ref)),
    or(isNull(stories.expireAt), gt(stories.expireAt, now)),
  ];
  // Both configurations: a Dutch query finds Dutch stems, an English one English stems.
  if (q) conditions.push(sql`${stories.searchVector} @@ (websearch_to_tsquery('dutch', ${q}) || websearch_to_tsquery('english', ${q}))`);
  return and(...conditions) as SQL;
}

/** Targeted at one of the groups, or at everyone. */
function targetedAt(groups: readonly string[]): SQL {
  return sql`(not exists (select 1 from story_target_groups stg where stg.story_id = ${stories.id})
      or exists (select 1 from story_target_groups stg where stg.story_id = ${stories.id} and stg.group_id = any(${groupArray(groups)})))`;
}

const facts = {
  id: stories.id,
  publishedAt: stories.publishedAt,
  targets: sql<string>`(select coalesce(string_agg(stg.group_id::text, ','), '') from story_target_groups stg where stg.story_id = ${stories.id})`,
  themes: sql<string>`(select coalesce(string_agg(st.theme_id::text, ','), '') from story_themes st where st.story_id = ${stories.id})`,
  format: stories.format,
  // Qualified by hand: Drizzle writes a selected column unqualified, and story_variants has an id too.
  readyText: sql<boolean>`exists (select 1 from story_variants sv join share_suggestions ss on ss.variant_id = sv.id where sv.story_id = "stories"."id")`,
};
const list = (joined: string | null) => (joined ? joined.split(',') : []);

/**
 * A pool without its pressure table (the caller reads that alongside), in three queries side by
 * side: the newest stories (walking the (status, published_at) index and stopping at the bound),
 * the campaigns running today, and their stories.
 */
export async function loadPool(ctx: AppContext, q: string | undefined, today: string, ref: number, now: Date): Promise<Omit<Pool, 'pressure'>> {
  const tx = ctx.database.db;
  const visible = published(new Date(ref), now, q);
  const running = sql`c.starts_on <= ${today} and c.ends_on >= ${today}`;
  const [newest, campaignRows, campaignStoryRows] = await Promise.all([
    tx.select(facts).from(stories).where(visible).orderBy(sql`${stories.publishedAt} desc`, sql`${stories.id} desc`).limit(RANKED_CANDIDATES),
    tx
      .execute(sql`select c.id, c.slug, c.name, c.starts_on::text as starts_on,
          (select coalesce(string_agg(ctg.group_id::text, ','), '') from campaign_target_groups ctg where ctg.campaign_id = c.id) as targets,
          (select coalesce(string_agg(cs.story_id::text, ','), '') from campaign_stories cs where cs.campaign_id = c.id) as stories
        from campaigns c where ${running}`)
      .then((result) => rowsOf<{ id: string; slug: string; name: string; starts_on: string; targets: string; stories: string }>(result)),
    tx
      .select(facts)
      .from(stories)
      .where(and(visible, sql`${stories.id} in (select cs.story_id from campaign_stories cs join campaigns c on c.id = cs.campaign_id where ${running})`)),
  ]);
  const campaigns = new Map<string, PoolCampaign>();
  const campaignsOf = new Map<string, string[]>();
  for (const row of campaignRows) {
    campaigns.set(row.id, { id: row.id, slug: row.slug, name: row.name, startsOn: row.starts_on, targetGroupIds: list(row.targets) });
    for (const storyId of list(row.stories)) campaignsOf.set(storyId, [...(campaignsOf.get(storyId) ?? []), row.id]);
  }
  const byId = new Map<string, PoolStory>();
  const add = (row: { id: string; publishedAt: Date | null; targets: string; themes: string; format: string; readyText: boolean }, newest: boolean) => {
    if (byId.has(row.id)) return;
    // published() requires publishedAt.
    byId.set(row.id, {
      id: row.id,
      publishedAt: row.publishedAt as Date,
      targetGroupIds: list(row.targets),
      themeIds: list(row.themes),
      campaignIds: campaignsOf.get(row.id) ?? [],
      newest,
      format: row.format,
      readyText: row.readyText === true,
    });
  };
  for (const row of newest) add(row, true);
  for (const row of campaignStoryRows) add(row, false);
  const oldest = newest.at(-1);
  const pooled = [...byId.values()];
  const tailAfter = newest.length === RANKED_CANDIDATES && oldest?.publishedAt ? { publishedAt: oldest.publishedAt, id: oldest.id } : null;
  const content = JSON.stringify([
    today,
    pooled.map((story) => [story.id, story.publishedAt.getTime(), story.targetGroupIds, story.themeIds, story.campaignIds, story.newest, story.format, story.readyText]),
    [...campaigns.values()],
    tailAfter,
  ]);
  return { ref, today, stories: pooled, campaigns, tailAfter, content };
}

/** One story's place in a reader's ranking. */
export interface RankingEntry extends Scored {
  story: PoolStory;
  forMyGroup: boolean;
  /** The reader's campaign for the card (latest start first), when the story is in one running for them. */
  campaign: PoolCampaign | null;
}

/** The feed's order for one set of groups: a pool's stories they may see, highest score first. */
export interface Ranking {
  pool: Pool;
  groups: ReadonlySet<string>;
  /** The reader's persona profile the ranking was made for (null: as everyone's). */
  profile: FeedProfile | null;
  /** The reader's groups that are departments hiring (see hiringDepartments). */
  departments: ReadonlySet<string>;
  /** Where each story stands in `entries`. */
  positions: Map<string, number>;
  entries: RankingEntry[];
}

const forGroups = (targets: readonly string[], groups: ReadonlySet<string>) => targets.some((id) => groups.has(id));

/** The reader's campaign among those holding a story: the latest to start, then by slug. */
function campaignFor(story: PoolStory, pool: Pool, groups: ReadonlySet<string>): PoolCampaign | null {
  let best: PoolCampaign | null = null;
  for (const id of story.campaignIds) {
    const campaign = pool.campaigns.get(id);
    if (!campaign || (campaign.targetGroupIds.length > 0 && !forGroups(campaign.targetGroupIds, groups))) continue;
    if (!best || campaign.startsOn > best.startsOn || (campaign.startsOn === best.startsOn && campaign.slug < best.slug)) best = campaign;
  }
  return best;
}

/** Works out a reader's ranking from a pool, in memory: a few hundred scores and one sort. */
export function rankPool(pool: Pool, groups: ReadonlySet<string>, profile: FeedProfile | null = null): Ranking {
  const view = pressureView(pool.pressure);
  const departments = hiringDepartments(groups, view);
  const entries: RankingEntry[] = [];
  for (const story of pool.stories) {
    const forMyGroup = forGroups(story.targetGroupIds, groups);
    if (story.targetGroupIds.length > 0 && !forMyGroup) continue;
    const campaign = story.campaignIds.length > 0 ? campaignFor(story, pool, groups) : null;
    // A story older than the newest is here only for a campaign; for readers outside it, it waits in the tail.
    if (!story.newest && !campaign) continue;
    const score = scoreOnly(factsOf({ story, forMyGroup, campaign }, profile, view), departments, view, pool.ref);
    entries.push({ id: story.id, score, story, forMyGroup, campaign });
  }
  entries.sort(byScore);
  return { pool, groups, profile, departments, entries, positions: new Map(entries.map((entry, i) => [entry.id, i])) };
}

/** The highest hiring pressure among a story's themes. */
function pressureOf(story: PoolStory, view: PressureView): number {
  let top = 0;
  for (const themeId of story.themeIds) top = Math.max(top, view.byTheme.get(themeId)?.total ?? 0);
  return top;
}

const factsOf = (entry: Pick<RankingEntry, 'story' | 'forMyGroup' | 'campaign'>, profile: FeedProfile | null, view: PressureView): StoryFacts => ({
  id: entry.story.id,
  publishedAt: entry.story.publishedAt,
  forMyGroup: entry.forMyGroup,
  inCampaign: entry.campaign !== null,
  themeIds: entry.story.themeIds,
  fitsPersona: profile !== null && fitsProfile(profile, { format: entry.story.format, readyText: entry.story.readyText, hiringPressure: pressureOf(entry.story, view) }),
});

/** The reasons behind an entry's place (worked out again for the few entries on a page, rather than kept for all). */
export function reasonsOf(entry: Pick<RankingEntry, 'story' | 'forMyGroup' | 'campaign'>, ranking: Ranking, shared: boolean): Ranked['reasons'] {
  const view = pressureView(ranking.pool.pressure);
  return scoreStory(factsOf(entry, ranking.profile, view), ranking.departments, view, ranking.pool.ref, shared).reasons;
}

/** Older stories after the pool's newest, that the reader may see and that are in no campaign running for them, newest first. */
export async function tailOf(ctx: AppContext, ranking: Ranking, q: string | undefined, after: { publishedAt: Date; id: string }, limit: number, now: Date): Promise<RankingEntry[]> {
  const groups = [...ranking.groups];
  const { pool } = ranking;
  const rows = await ctx.database.db
    .select(facts)
    .from(stories)
    .where(
      and(
        published(new Date(pool.ref), now, q),
        targetedAt(groups),
        sql`${stories.id} not in (select cs.story_id from campaign_stories cs join campaigns c on c.id = cs.campaign_id
          where c.starts_on <= ${pool.today} and c.ends_on >= ${pool.today}
            and (not exists (select 1 from campaign_target_groups ctg where ctg.campaign_id = c.id)
              or exists (select 1 from campaign_target_groups ctg where ctg.campaign_id = c.id and ctg.group_id = any(${groupArray(groups)}))))`,
        sql`(${stories.publishedAt}, ${stories.id}) < (${after.publishedAt.toISOString()}::timestamptz, ${after.id}::uuid)`,
      ),
    )
    .orderBy(sql`${stories.publishedAt} desc`, sql`${stories.id} desc`)
    .limit(limit);
  return rows.map((row) => {
    const story: PoolStory = {
      id: row.id,
      publishedAt: row.publishedAt as Date,
      targetGroupIds: list(row.targets),
      themeIds: list(row.themes),
      campaignIds: [],
      newest: false,
      format: row.format,
      readyText: row.readyText === true,
    };
    // The tail keeps its order by date; its score is only a number for the record.
    return { id: story.id, score: 0, story, forMyGroup: forGroups(story.targetGroupIds, ranking.groups), campaign: null };
  });
}
