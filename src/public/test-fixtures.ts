import { v7 as uuidv7 } from 'uuid';
import { images, type Language, stories, type StoryFormat, type StoryStatus, storyFeatured, storyThemes, themes, type Urgency, vacancies, type VacancySourceType, vacancySources, vacancyThemes } from '../db/schema/index.ts';
import type { TestApp } from '../../test/support/app.ts';
import { buildPerson } from '../../test/support/factories.ts';

let counter = 0;

/** Inserts a theme for public-page tests. */
export async function buildTheme(t: TestApp, key: string, nameNl: string, nameEn: string) {
  const now = t.clock.now();
  const [row] = await t.ctx.database.db.insert(themes).values({ key, nameNl, nameEn, createdAt: now, updatedAt: now }).returning();
  if (!row) throw new Error('no theme');
  return row;
}

/** Inserts an image row (no files) so a story can point at it. */
export async function buildImageRow(t: TestApp, altText: string) {
  const id = uuidv7();
  await t.ctx.database.db
    .insert(images)
    .values({ id, originalKey: `images/${id}/original.jpg`, shareKey: `images/${id}/share.jpg`, mimeType: 'image/jpeg', width: 2400, height: 1600, bytes: 1000, altText, createdAt: t.clock.now() });
  return id;
}

export interface StoryOverrides {
  title?: string;
  slug?: string;
  language?: Language;
  format?: StoryFormat;
  status?: StoryStatus;
  summary?: string;
  bodyMarkdown?: string;
  heroImageId?: string | null;
  externalUrl?: string | null;
  publishAt?: Date | null;
  publishedAt?: Date | null;
  expireAt?: Date | null;
  translationGroupId?: string;
  themeIds?: string[];
  featured?: { personId: string; quote: string; approval: 'approved' | 'pending' | 'not_requested' | 'changes_requested' }[];
}

/** Inserts a story straight into the tables the public pages read (published yesterday unless told otherwise). */
export async function buildStory(t: TestApp, overrides: StoryOverrides = {}) {
  counter += 1;
  const now = t.clock.now();
  const id = uuidv7();
  const status = overrides.status ?? 'published';
  const [row] = await t.ctx.database.db
    .insert(stories)
    .values({
      id,
      translationGroupId: overrides.translationGroupId ?? uuidv7(),
      language: overrides.language ?? 'en',
      format: overrides.format ?? 'interview',
      status,
      title: overrides.title ?? `Story ${counter}`,
      slug: overrides.slug ?? `story-${counter}-${id.slice(-6)}`,
      summary: overrides.summary ?? `Summary of story ${counter}`,
      bodyMarkdown: overrides.bodyMarkdown ?? `Body of story ${counter}.\n\nA second paragraph.`,
      heroImageId: overrides.heroImageId ?? null,
      externalUrl: overrides.externalUrl ?? null,
      publishAt: overrides.publishAt ?? null,
      publishedAt: overrides.publishedAt !== undefined ? overrides.publishedAt : status === 'published' || status === 'archived' ? new Date(now.getTime() - 86_400_000 + counter * 1000) : null,
      expireAt: overrides.expireAt ?? null,
      archivedAt: status === 'archived' ? now : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('no story');
  for (const themeId of overrides.themeIds ?? []) await t.ctx.database.db.insert(storyThemes).values({ storyId: id, themeId });
  for (const [position, f] of (overrides.featured ?? []).entries()) {
    await t.ctx.database.db.insert(storyFeatured).values({ storyId: id, personId: f.personId, quote: f.quote, position, approval: f.approval });
  }
  return row;
}

export interface VacancyOverrides {
  title?: string;
  slug?: string;
  sourceType?: VacancySourceType | null;
  externalId?: string | null;
  department?: string | null;
  location?: string | null;
  employmentType?: string | null;
  descriptionHtml?: string;
  applyUrl?: string | null;
  language?: Language | null;
  status?: 'open' | 'closed';
  urgency?: Urgency;
  openings?: number;
  openedAt?: Date;
  closedAt?: Date | null;
  themeIds?: string[];
}

/** Inserts a vacancy (and, given a source type, a source of that type), opened a month ago unless told otherwise. */
export async function buildVacancy(t: TestApp, overrides: VacancyOverrides = {}) {
  counter += 1;
  const db = t.ctx.database.db;
  const now = t.clock.now();
  const id = uuidv7();
  let sourceId: string | null = null;
  if (overrides.sourceType) {
    const [source] = await db
      .insert(vacancySources)
      .values({ type: overrides.sourceType, name: `Source ${counter}`, url: `https://ats.example/${id}`, createdAt: now, updatedAt: now })
      .returning({ id: vacancySources.id });
    sourceId = source?.id ?? null;
  }
  const status = overrides.status ?? 'open';
  const [row] = await db
    .insert(vacancies)
    .values({
      id,
      sourceId,
      externalId: overrides.externalId !== undefined ? overrides.externalId : sourceId ? `job-${counter}` : null,
      slug: overrides.slug ?? `vacancy-${counter}-${id.slice(-6)}`,
      title: overrides.title ?? `Vacancy ${counter}`,
      departmentName: overrides.department !== undefined ? overrides.department : 'Engineering',
      location: overrides.location !== undefined ? overrides.location : 'Utrecht',
      employmentType: overrides.employmentType ?? null,
      descriptionHtml: overrides.descriptionHtml ?? `<p>What vacancy ${counter} is about.</p>`,
      applyUrl: overrides.applyUrl !== undefined ? overrides.applyUrl : `https://ats.example/jobs/${counter}/apply`,
      language: overrides.language !== undefined ? overrides.language : 'en',
      status,
      urgency: overrides.urgency ?? 'normal',
      openings: overrides.openings ?? 1,
      openedAt: overrides.openedAt ?? new Date(now.getTime() - 30 * 86_400_000),
      closedAt: overrides.closedAt !== undefined ? overrides.closedAt : status === 'closed' ? now : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('no vacancy');
  for (const themeId of overrides.themeIds ?? []) await db.insert(vacancyThemes).values({ vacancyId: id, themeId });
  return row;
}

export { buildPerson };
