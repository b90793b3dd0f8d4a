import { fromDateTimeLocal, toDateTimeLocal } from '../../lib/local-date';
import { isLanguage, type Language } from '../../lib/types';
import type { ApprovalStatus, HeroImage, Story, StoryFormat, StoryInput } from './stories-api';

export interface FeaturedValue {
  personId: string;
  name: string;
  quote: string;
  /** Undefined for a colleague added in this session (not saved yet). */
  approval?: ApprovalStatus;
  approvalComment?: string | null;
}

/** What the story editor's form holds; dates are in the inputs' local format. */
export interface StoryFormValue {
  title: string;
  language: Language;
  format: StoryFormat;
  slug: string;
  /** False while the slug still follows the title. */
  slugEdited: boolean;
  summary: string;
  bodyMarkdown: string;
  externalUrl: string;
  publishAt: string;
  expireAt: string;
  plannedFor: string;
  themeIds: string[];
  targetGroupIds: string[];
  featured: FeaturedValue[];
  heroImage: HeroImage | null;
}

/**
 * A URL slug derived from a title: lower case, accents removed, words joined by hyphens.
 * @example slugify('Één dag bij de Brandweer!') // 'een-dag-bij-de-brandweer'
 */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

/** The form's starting values: from a saved story, or empty in the UI language. */
export function storyFormValue(story: Story | undefined, uiLanguage: string): StoryFormValue {
  if (!story) {
    return {
      title: '',
      language: isLanguage(uiLanguage) ? uiLanguage : 'en',
      format: 'interview',
      slug: '',
      slugEdited: false,
      summary: '',
      bodyMarkdown: '',
      externalUrl: '',
      publishAt: '',
      expireAt: '',
      plannedFor: '',
      themeIds: [],
      targetGroupIds: [],
      featured: [],
      heroImage: null,
    };
  }
  return {
    title: story.title,
    language: story.language,
    format: story.format,
    slug: story.slug,
    slugEdited: true,
    summary: story.summary,
    bodyMarkdown: story.bodyMarkdown,
    externalUrl: story.externalUrl ?? '',
    publishAt: toDateTimeLocal(story.publishAt),
    expireAt: toDateTimeLocal(story.expireAt),
    plannedFor: story.plannedFor ?? '',
    themeIds: story.themes.map((theme) => theme.id),
    targetGroupIds: story.targetGroups.map((group) => group.id),
    featured: [...story.featured]
      .sort((a, b) => a.position - b.position)
      .map((colleague) => ({
        personId: colleague.personId,
        name: colleague.name,
        quote: colleague.quote,
        approval: colleague.approval,
        approvalComment: colleague.approvalComment,
      })),
    heroImage: story.heroImage,
  };
}

/** The request body for POST/PATCH /api/v1/stories from the form. */
export function storyInput(value: StoryFormValue): StoryInput {
  const slug = value.slug.trim();
  return {
    title: value.title.trim(),
    language: value.language,
    format: value.format,
    ...(slug ? { slug } : {}),
    summary: value.summary.trim(),
    bodyMarkdown: value.bodyMarkdown,
    externalUrl: value.externalUrl.trim() || null,
    publishAt: fromDateTimeLocal(value.publishAt),
    expireAt: fromDateTimeLocal(value.expireAt),
    plannedFor: value.plannedFor || null,
    themeIds: value.themeIds,
    targetGroupIds: value.targetGroupIds,
    featured: value.featured.map((colleague) => ({
      personId: colleague.personId,
      quote: colleague.quote.trim(),
    })),
    heroImageId: value.heroImage?.id ?? null,
  };
}
