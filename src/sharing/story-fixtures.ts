import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { audiences, campaigns, campaignStories, campaignTargetGroups, shareSuggestions, stories, storyTargetGroups, storyVariants } from '../db/schema/index.ts';
import type { Network } from '../db/schema/stories.ts';
import type { TestApp } from '../../test/support/app.ts';

let counter = 0;

export interface VariantFixture {
  audience: string;
  headline: string;
  teaser?: string;
  suggestions?: { network: Network; text: string }[];
}

/**
 * Test helper: inserts a story straight into the tables (the sharing tests do not depend on the
 * stories domain's routes), published an hour ago unless overridden.
 * @example const story = await insertStory(t, { variants: [{ audience: 'candidates', headline: 'H', suggestions: [{ network: 'linkedin', text: '…' }] }] })
 */
export async function insertStory(
  t: TestApp,
  overrides: Partial<typeof stories.$inferInsert> & { targetGroupIds?: string[]; variants?: VariantFixture[] } = {},
): Promise<typeof stories.$inferSelect> {
  counter += 1;
  const db = t.ctx.database.db;
  const now = t.clock.now();
  const { targetGroupIds = [], variants = [], ...fields } = overrides;
  const [story] = await db
    .insert(stories)
    .values({
      translationGroupId: uuidv7(),
      language: 'nl',
      format: 'interview',
      status: 'published',
      title: `Verhaal ${counter}`,
      slug: `verhaal-${counter}-${uuidv7().slice(-8)}`,
      summary: `Samenvatting van verhaal ${counter}`,
      publishedAt: new Date(now.getTime() - 3_600_000),
      ...fields,
    })
    .returning();
  if (!story) throw new Error('insertStory inserted nothing');
  for (const groupId of targetGroupIds) await db.insert(storyTargetGroups).values({ storyId: story.id, groupId });
  for (const variant of variants) {
    const [audience] = await db.select().from(audiences).where(eq(audiences.key, variant.audience));
    if (!audience) throw new Error(`no audience ${variant.audience}`);
    const [row] = await db.insert(storyVariants).values({ storyId: story.id, audienceId: audience.id, headline: variant.headline, teaser: variant.teaser ?? '' }).returning();
    if (!row) throw new Error('variant not inserted');
    for (const [position, suggestion] of (variant.suggestions ?? []).entries()) {
      await db.insert(shareSuggestions).values({ variantId: row.id, network: suggestion.network, text: suggestion.text, position });
    }
  }
  return story;
}

/** Test helper: a campaign over some stories, running from `startsOn` to `endsOn`, optionally for some groups. */
export async function insertCampaign(t: TestApp, input: { slug: string; storyIds: string[]; startsOn: string; endsOn: string; targetGroupIds?: string[] }) {
  const db = t.ctx.database.db;
  const [campaign] = await db.insert(campaigns).values({ slug: input.slug, name: `Campagne ${input.slug}`, goal: 'recruitment', startsOn: input.startsOn, endsOn: input.endsOn }).returning();
  if (!campaign) throw new Error('campaign not inserted');
  for (const storyId of input.storyIds) await db.insert(campaignStories).values({ campaignId: campaign.id, storyId });
  for (const groupId of input.targetGroupIds ?? []) await db.insert(campaignTargetGroups).values({ campaignId: campaign.id, groupId });
  return campaign;
}
