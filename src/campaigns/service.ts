import { asc, desc, eq, inArray, like, or } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import { hasRole, type SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { campaigns, campaignStories, campaignTargetGroups, groups, type Language, stories, themes } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { queueCampaignAnnouncement } from '../integrations/announcements.ts';
import { localName } from '../stories/presenter.ts';
import { nextFreeSlug, slugify } from '../stories/slug.ts';
import { checkReferences } from '../stories/store.ts';
import type { CampaignView, CreateCampaignInput, UpdateCampaignInput } from './schema.ts';

type CampaignRow = typeof campaigns.$inferSelect;

/** Today as a date, the way campaign periods are written. */
const today = (ctx: AppContext) => ctx.clock.now().toISOString().slice(0, 10);

async function freeCampaignSlug(tx: Tx, base: string): Promise<string> {
  const taken = await tx
    .select({ slug: campaigns.slug })
    .from(campaigns)
    .where(or(eq(campaigns.slug, base), like(campaigns.slug, `${base}-%`)));
  return nextFreeSlug(base, new Set(taken.map((t) => t.slug)));
}

/** Presents campaigns with their theme, stories and target groups (stories not yet out are shown to programme staff only). */
async function presentCampaigns(ctx: AppContext, auth: SignedIn, rows: CampaignRow[], language: Language): Promise<CampaignView[]> {
  if (rows.length === 0) return [];
  const db = ctx.database.db;
  const ids = rows.map((r) => r.id);
  const themeIds = rows.map((r) => r.themeId).filter((id): id is string => id !== null);
  const [themeRows, storyRows, groupRows] = await Promise.all([
    themeIds.length ? db.select().from(themes).where(inArray(themes.id, themeIds)) : [],
    db
      .select({ campaignId: campaignStories.campaignId, id: stories.id, title: stories.title, slug: stories.slug, status: stories.status, publishedAt: stories.publishedAt })
      .from(campaignStories)
      .innerJoin(stories, eq(stories.id, campaignStories.storyId))
      .where(inArray(campaignStories.campaignId, ids))
      .orderBy(desc(stories.publishedAt), asc(stories.title)),
    db
      .select({ campaignId: campaignTargetGroups.campaignId, id: groups.id, kind: groups.kind, name: groups.name })
      .from(campaignTargetGroups)
      .innerJoin(groups, eq(groups.id, campaignTargetGroups.groupId))
      .where(inArray(campaignTargetGroups.campaignId, ids))
      .orderBy(asc(groups.name)),
  ]);
  const staff = hasRole(auth, 'admin', 'editor', 'recruiter');
  const now = ctx.clock.now().getTime();
  const day = today(ctx);
  return rows.map((row) => {
    const theme = themeRows.find((t) => t.id === row.themeId);
    return {
      id: row.id,
      slug: row.slug,
      name: row.name,
      goal: row.goal,
      theme: theme ? { id: theme.id, key: theme.key, name: localName(language, theme) } : null,
      description: row.description,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      active: row.startsOn <= day && day <= row.endsOn,
      stories: storyRows
        .filter((s) => s.campaignId === row.id && (staff || (s.status === 'published' && s.publishedAt !== null && s.publishedAt.getTime() <= now)))
        .map((s) => ({ id: s.id, title: s.title, slug: s.slug, status: s.status })),
      targetGroups: groupRows.filter((g) => g.campaignId === row.id).map((g) => ({ id: g.id, kind: g.kind, name: g.name })),
    };
  });
}

async function loadCampaign(ctx: AppContext, id: string): Promise<CampaignRow> {
  const [row] = await ctx.database.db.select().from(campaigns).where(eq(campaigns.id, id)).limit(1);
  if (!row) throw notFound('campaign_not_found', id);
  return row;
}

async function replaceCampaignLinks(tx: Tx, id: string, input: { storyIds?: string[]; targetGroupIds?: string[] }) {
  if (input.storyIds) {
    await tx.delete(campaignStories).where(eq(campaignStories.campaignId, id));
    const ids = [...new Set(input.storyIds)];
    if (ids.length) await tx.insert(campaignStories).values(ids.map((storyId) => ({ campaignId: id, storyId })));
  }
  if (input.targetGroupIds) {
    await tx.delete(campaignTargetGroups).where(eq(campaignTargetGroups.campaignId, id));
    const ids = [...new Set(input.targetGroupIds)];
    if (ids.length) await tx.insert(campaignTargetGroups).values(ids.map((groupId) => ({ campaignId: id, groupId })));
  }
}

function checkPeriod(startsOn: string, endsOn: string) {
  if (endsOn < startsOn) throw new AppError(400, 'period_invalid', 'error.period_invalid', { start: startsOn, end: endsOn });
}

/** Campaigns, the running ones first, then by start date (newest first). */
export async function listCampaigns(ctx: AppContext, auth: SignedIn, active: boolean | undefined, language: Language) {
  const day = today(ctx);
  const rows = await ctx.database.db.select().from(campaigns).orderBy(desc(campaigns.startsOn), asc(campaigns.name));
  const running = (r: CampaignRow) => r.startsOn <= day && day <= r.endsOn;
  const filtered = active === undefined ? rows : rows.filter((r) => running(r) === active);
  const items = await presentCampaigns(ctx, auth, filtered, language);
  items.sort((a, b) => Number(b.active) - Number(a.active));
  return { items, nextCursor: null };
}

export async function getCampaign(ctx: AppContext, auth: SignedIn, id: string, language: Language): Promise<CampaignView> {
  const [view] = await presentCampaigns(ctx, auth, [await loadCampaign(ctx, id)], language);
  if (!view) throw new Error('presenter lost a campaign');
  return view;
}

/** Creates a campaign; its slug (from the name unless given) becomes utm_campaign on shared links. */
export async function createCampaign(ctx: AppContext, auth: SignedIn, input: CreateCampaignInput, language: Language): Promise<CampaignView> {
  const now = ctx.clock.now();
  checkPeriod(input.startsOn, input.endsOn);
  try {
    const row = await ctx.database.db.transaction(async (tx) => {
      await checkReferences(tx, { themeIds: input.themeId ? [input.themeId] : [], storyIds: input.storyIds, groupIds: input.targetGroupIds });
      const slug = input.slug ?? (await freeCampaignSlug(tx, slugify(input.name, 60)));
      const [created] = await tx
        .insert(campaigns)
        .values({ slug, name: input.name, goal: input.goal, themeId: input.themeId ?? null, description: input.description ?? '', startsOn: input.startsOn, endsOn: input.endsOn, createdAt: now, updatedAt: now })
        .returning();
      if (!created) throw new Error('insert returned nothing');
      await replaceCampaignLinks(tx, created.id, input);
      await recordAudit(tx, auth, now, { action: 'campaign.created', subjectType: 'campaign', subjectId: created.id, after: { slug, name: input.name, goal: input.goal } });
      return created;
    });
    // Team-wide only: the configured Slack/Teams channel webhooks hear of it (src/integrations/announcements.ts).
    await queueCampaignAnnouncement(ctx, row.id, 'created');
    return getCampaign(ctx, auth, row.id, language);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(409, 'slug_taken', 'error.slug_taken', { slug: input.slug ?? '' });
    throw error;
  }
}

export async function updateCampaign(ctx: AppContext, auth: SignedIn, id: string, input: UpdateCampaignInput, language: Language): Promise<CampaignView> {
  const now = ctx.clock.now();
  const before = await loadCampaign(ctx, id);
  checkPeriod(input.startsOn ?? before.startsOn, input.endsOn ?? before.endsOn);
  try {
    await ctx.database.db.transaction(async (tx) => {
      await checkReferences(tx, { themeIds: input.themeId ? [input.themeId] : [], storyIds: input.storyIds, groupIds: input.targetGroupIds });
      const { storyIds: _stories, targetGroupIds: _groups, ...fields } = input;
      await tx
        .update(campaigns)
        .set({ ...fields, updatedAt: now })
        .where(eq(campaigns.id, id));
      await replaceCampaignLinks(tx, id, input);
      await recordAudit(tx, auth, now, { action: 'campaign.updated', subjectType: 'campaign', subjectId: id, after: { fields: Object.keys(input) } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(409, 'slug_taken', 'error.slug_taken', { slug: input.slug ?? '' });
    throw error;
  }
  return getCampaign(ctx, auth, id, language);
}
