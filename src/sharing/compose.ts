import { and, eq, ne, sql } from 'drizzle-orm';
import { sharingStanding } from '../auth/alumni-access.ts';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { audiences, campaignStories, campaigns, groupMemberships, groups, type Language, links, people, type SharedItemType, shares, shareSuggestions, stories, storyTargetGroups, storyVariants } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { newLinkCode, CODE_LENGTH } from '../links/codes.ts';
import { shortLinkUrl } from '../public/urls.ts';
import { getSetting } from '../settings/service.ts';
import { networkLimits, postLength, shareUrlFor, withDisclosure, withoutDisclosures } from './composer.ts';
import { canShareForOthers } from './policy.ts';
import type { CheckInput, CheckResult, ShareInput, ShareView } from './schema.ts';
import { type Candidate, judgeText } from './similarity.ts';
import { dateIn } from './today.ts';
import { forgetReader } from './feed.ts';
import { shareableVacancy, shareLanguageOf, vacancySuggestions } from './vacancy-share.ts';
import { personaOf } from '../personas/current.ts';
import { emitEvent } from '../webhooks/emit.ts';

type StoryRow = { id: string; title: string; slug: string; language: 'nl' | 'en'; status: string; publishedAt: Date | null };

/** What a share is of: a story, or a vacancy (its suggestions are built from its title, department and location). */
type SharedItem =
  | { kind: 'story'; id: string; title: string; language: Language }
  | { kind: 'vacancy'; id: string; title: string; language: Language; suggestions: string[] };

/** A story that can be shared: published (expired stories may still be shared by a direct call). */
async function shareableStory(tx: Tx, storyId: string): Promise<StoryRow> {
  const [story] = await tx
    .select({ id: stories.id, title: stories.title, slug: stories.slug, language: stories.language, status: stories.status, publishedAt: stories.publishedAt })
    .from(stories)
    .where(eq(stories.id, storyId))
    .limit(1);
  if (story?.status !== 'published' || !story.publishedAt) throw notFound('story_not_found', storyId);
  return story;
}

async function audienceId(tx: Tx, key: string): Promise<string> {
  const [row] = await tx.select({ id: audiences.id }).from(audiences).where(eq(audiences.key, key)).limit(1);
  if (!row) throw new AppError(400, 'unknown_audience', 'error.unknown_audience', { key });
  return row.id;
}

/**
 * The item a share body names (storyId or vacancyId, exactly one: the schema makes sure). A
 * vacancy without a language of its own is shared in the sharer's.
 */
async function shareableItem(tx: Tx, input: { storyId?: string | undefined; vacancyId?: string | undefined }, sharerLanguage: Language): Promise<SharedItem> {
  if (input.storyId) {
    const story = await shareableStory(tx, input.storyId);
    return { kind: 'story', id: story.id, title: story.title, language: story.language };
  }
  const vacancy = await shareableVacancy(tx, input.vacancyId as string);
  return { kind: 'vacancy', id: vacancy.id, title: vacancy.title, language: shareLanguageOf(vacancy, sharerLanguage), suggestions: vacancySuggestions(vacancy, ['nl', 'en']).map((s) => s.text) };
}

/**
 * What a text is compared with: every suggestion for the item (a story's for any audience or
 * network; a vacancy's in both languages) and every colleague's share text for it, as distinct
 * texts with who posted each.
 */
async function candidatesFor(tx: Tx, item: SharedItem, personId: string | null, disclosures: string[]): Promise<Candidate[]> {
  const suggestionRows =
    item.kind === 'story'
      ? await tx
          .selectDistinct({ text: shareSuggestions.text })
          .from(shareSuggestions)
          .innerJoin(storyVariants, eq(storyVariants.id, shareSuggestions.variantId))
          .where(eq(storyVariants.storyId, item.id))
      : [...new Set(item.suggestions)].map((text) => ({ text }));
  const colleagueRows = await tx
    .select({ text: shares.text, personIds: sql<string[]>`array_agg(distinct ${shares.personId}::text)` })
    .from(shares)
    .where(and(item.kind === 'story' ? eq(shares.storyId, item.id) : eq(shares.vacancyId, item.id), ne(shares.text, ''), personId ? ne(shares.personId, personId) : undefined))
    .groupBy(shares.text);
  // Colleagues' texts were stored with the disclosure; it is boilerplate, not their words.
  const byText = new Map<string, Set<string>>();
  for (const row of colleagueRows) {
    const stripped = withoutDisclosures(row.text, disclosures);
    const set = byText.get(stripped) ?? new Set<string>();
    for (const id of row.personIds) set.add(id);
    byText.set(stripped, set);
  }
  return [
    ...suggestionRows.map((r) => ({ text: withoutDisclosures(r.text, disclosures), source: 'suggestion' as const, personIds: [] })),
    ...[...byText].map(([text, ids]) => ({ text, source: 'colleague' as const, personIds: [...ids] })),
  ];
}

/** The composer's verdict on a text: copied or personalised, length against the network's limit, the final text. */
async function judge(ctx: AppContext, tx: Tx, item: SharedItem, personId: string | null, input: CheckInput): Promise<CheckResult & { disclosureAdded: boolean }> {
  const disclosure = await getSetting(tx, 'sharing.disclosure');
  const disclosures = [disclosure.textNl, disclosure.textEn];
  const final = withDisclosure(input.text, disclosure.enabled ? (item.language === 'nl' ? disclosure.textNl : disclosure.textEn) : null);
  const verdict = judgeText(withoutDisclosures(input.text, disclosures), await candidatesFor(tx, item, personId, disclosures));
  const length = postLength(input.network, final.text, shortLinkUrl(ctx.config, 'x'.repeat(CODE_LENGTH)).length);
  const limit = networkLimits[input.network];
  return { ...verdict, length, limit, overLimit: limit !== null && length > limit, textWithDisclosure: final.text, disclosureAdded: final.added };
}

/**
 * Alumni share public stories only (src/auth/alumni-access.ts): a published story meant for everyone
 * (no target groups). A vacancy or a story for some groups is not theirs to share.
 */
async function checkAlumniMayShare(tx: Tx, input: { storyId?: string | undefined; vacancyId?: string | undefined }): Promise<void> {
  if (!input.storyId) throw new AppError(403, 'alumni_stories_only', 'error.alumni.stories_only');
  const [targeted] = await tx.select({ storyId: storyTargetGroups.storyId }).from(storyTargetGroups).where(eq(storyTargetGroups.storyId, input.storyId)).limit(1);
  if (targeted) throw notFound('story_not_found', input.storyId);
}

/** POST /shares/check: what the composer shows while a person types. */
export async function checkShare(ctx: AppContext, auth: SignedIn, input: CheckInput): Promise<CheckResult> {
  const tx = ctx.database.db;
  if (auth.kind === 'session' && auth.alumnus) await checkAlumniMayShare(tx, input);
  const item = await shareableItem(tx, input, auth.language);
  await audienceId(tx, input.audience);
  const { disclosureAdded: _, ...result } = await judge(ctx, tx, item, auth.personId, input);
  return result;
}

/** Who a share is made as: the person signed in (or the token's person); an admin organisation token names one. */
function sharerOf(auth: SignedIn, personId: string | undefined): string {
  if (personId && personId !== auth.personId) {
    if (!canShareForOthers(auth)) throw new AppError(403, 'forbidden', 'error.forbidden');
    return personId;
  }
  if (auth.personId) return auth.personId;
  throw new AppError(400, 'person_required', 'error.person_required');
}

/** The active campaign the story is part of (one targeted at the person preferred), kept on the share as utm_campaign. */
async function campaignOf(tx: Tx, storyId: string, personId: string, today: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: campaigns.id })
    .from(campaignStories)
    .innerJoin(campaigns, eq(campaigns.id, campaignStories.campaignId))
    .where(and(eq(campaignStories.storyId, storyId), sql`${campaigns.startsOn} <= ${today} and ${campaigns.endsOn} >= ${today}`))
    .orderBy(
      sql`exists (select 1 from campaign_target_groups ctg join group_memberships gm on gm.group_id = ctg.group_id
        where ctg.campaign_id = ${campaigns.id} and gm.person_id = ${personId}) desc`,
      sql`${campaigns.startsOn} desc`,
      sql`${campaigns.slug}`,
    )
    .limit(1);
  return row?.id ?? null;
}

async function departmentOf(tx: Tx, personId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: groups.id })
    .from(groupMemberships)
    .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
    .where(and(eq(groupMemberships.personId, personId), eq(groups.kind, 'department')))
    .orderBy(groups.name)
    .limit(1);
  return row?.id ?? null;
}

const MAX_CODE_ATTEMPTS = 5;

/**
 * POST /shares: an active ambassador shares a published story, or an open vacancy, in their own
 * words. Creates the share (with the campaign and department as they are now) and its tracked
 * short link, and answers the network URL to open.
 */
export async function createShare(ctx: AppContext, auth: SignedIn, input: ShareInput): Promise<ShareView> {
  const personId = sharerOf(auth, input.personId);
  const now = ctx.clock.now();
  const view = await ctx.database.db.transaction(async (tx) => {
    const [person] = await tx
      .select({ ambassadorStatus: people.ambassadorStatus, alumniJoinedAt: people.alumniJoinedAt, timeZone: people.timeZone, language: people.language })
      .from(people)
      .where(eq(people.id, personId))
      .limit(1);
    if (!person) throw notFound('person_not_found', personId);
    // Active ambassadors share; so do alumni in the alumni programme, public stories only.
    const standing = sharingStanding(person);
    if (!standing) throw new AppError(409, 'not_active_ambassador', 'error.not_active_ambassador');
    if (standing === 'alumnus') await checkAlumniMayShare(tx, input);
    const item = await shareableItem(tx, input, person.language);
    const audience = await audienceId(tx, input.audience);
    const result = await judge(ctx, tx, item, personId, input);
    if (result.overLimit) {
      throw new AppError(400, 'text_over_limit', 'error.text_over_limit', { length: result.length, network: input.network, limit: result.limit ?? 0 });
    }
    const [share] = await tx
      .insert(shares)
      .values({
        personId,
        itemType: item.kind,
        storyId: item.kind === 'story' ? item.id : null,
        vacancyId: item.kind === 'vacancy' ? item.id : null,
        network: input.network,
        audienceId: audience,
        text: result.textWithDisclosure,
        personalised: result.personalised,
        similarity: result.similarity,
        disclosureAdded: result.disclosureAdded,
        // Campaigns gather stories; a vacancy share belongs to none.
        campaignId: item.kind === 'story' ? await campaignOf(tx, item.id, personId, dateIn(person.timeZone, now)) : null,
        departmentId: standing === 'alumnus' ? null : await departmentOf(tx, personId),
        // The sharer's persona as it is now, so breakdowns by persona stay fair when it changes later.
        personaKey: await personaOf(tx, personId),
        createdAt: now,
      })
      .returning({ id: shares.id });
    if (!share) throw new Error('share insert returned nothing');
    const code = await insertItemLink(tx, share.id, item.kind, item.id, now);
    const shortUrl = shortLinkUrl(ctx.config, code);
    await emitEvent(ctx, tx, 'share.created', { shareId: share.id, personId, itemType: item.kind, storyId: item.kind === 'story' ? item.id : null, vacancyId: item.kind === 'vacancy' ? item.id : null, title: item.title, network: input.network, linkCode: code, shortUrl, personalised: result.personalised, createdAt: now.toISOString() });
    return {
      id: share.id,
      shortUrl,
      shareUrl: shareUrlFor(input.network, result.textWithDisclosure, shortUrl, item.title),
      text: result.textWithDisclosure,
      personalised: result.personalised,
      similarity: result.similarity,
      network: input.network,
    };
  });
  forgetReader(ctx, personId);
  return view;
}

/** Inserts the link of a story's share with a fresh random code; a collision (about 1 in 10^17 per pair) just draws again. `draw` is replaceable for tests. */
export async function insertLink(tx: Tx, shareId: string, storyId: string, now: Date, draw: () => string = newLinkCode): Promise<string> {
  return insertItemLink(tx, shareId, 'story', storyId, now, draw);
}

/** Inserts the link of a share of a story or a vacancy (see insertLink). */
export async function insertItemLink(tx: Tx, shareId: string, itemType: SharedItemType, itemId: string, now: Date, draw: () => string = newLinkCode): Promise<string> {
  const item = itemType === 'story' ? { storyId: itemId } : { vacancyId: itemId };
  for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
    const code = draw();
    const inserted = await tx.insert(links).values({ code, shareId, itemType, ...item, createdAt: now }).onConflictDoNothing({ target: links.code }).returning({ code: links.code });
    if (inserted.length > 0) return code;
  }
  throw new Error('no free link code after several attempts');
}
