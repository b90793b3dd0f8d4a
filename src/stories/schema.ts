import { z } from 'zod';
import { networks, storyFormats, storyStatuses } from '../db/schema/stories.ts';
import { text } from '../http/text.ts';
import { dateSchema, languageSchema } from '../people/schema.ts';

export const storyStatusSchema = z.enum(storyStatuses);
export const storyFormatSchema = z.enum(storyFormats);
export const networkSchema = z.enum(networks);
export const approvalSchema = z.enum(['not_requested', 'pending', 'approved', 'changes_requested']);

const keySchema = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, { message: 'use lower-case letters, digits, - and _' });
const labelSchema = text().trim().min(1).max(120);
const isoDateTime = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
/** http(s) only: a canonical URL ends up in link previews and redirects. */
export const httpUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine((value) => !value.includes('\0'), { message: 'must not contain the NUL character' });

// --- themes and audiences -------------------------------------------------------------------

export const themeSchema = z
  .object({ id: z.uuid(), key: z.string(), name: z.string(), nameNl: z.string(), nameEn: z.string(), description: z.string().nullable(), active: z.boolean() })
  .meta({ id: 'Theme' });
export type ThemeView = z.infer<typeof themeSchema>;

export const createThemeBody = z.object({ key: keySchema, nameNl: labelSchema, nameEn: labelSchema, description: text().trim().max(1000).nullable().optional() });
export const updateThemeBody = createThemeBody.partial().extend({ active: z.boolean().optional() });
export type CreateThemeInput = z.infer<typeof createThemeBody>;
export type UpdateThemeInput = z.infer<typeof updateThemeBody>;

export const audienceSchema = z
  .object({ id: z.uuid(), key: z.string(), name: z.string(), nameNl: z.string(), nameEn: z.string(), position: z.number().int(), active: z.boolean() })
  .meta({ id: 'Audience' });
export type AudienceView = z.infer<typeof audienceSchema>;

export const createAudienceBody = z.object({ key: keySchema, nameNl: labelSchema, nameEn: labelSchema, position: z.number().int().min(0).max(1000).optional() });
export const updateAudienceBody = createAudienceBody.omit({ key: true }).partial().extend({ active: z.boolean().optional() });
export type CreateAudienceInput = z.infer<typeof createAudienceBody>;
export type UpdateAudienceInput = z.infer<typeof updateAudienceBody>;

// --- stories ---------------------------------------------------------------------------------

const personRef = z.object({ id: z.uuid(), name: z.string() });
const themeRef = z.object({ id: z.uuid(), key: z.string(), name: z.string() });
const heroImageSchema = z.object({ id: z.uuid(), url: z.string(), shareUrl: z.string(), altText: z.string() });

export const storySummarySchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    status: storyStatusSchema,
    format: storyFormatSchema,
    language: languageSchema,
    summary: z.string(),
    url: z.string(),
    heroImage: heroImageSchema.nullable(),
    publishAt: z.iso.datetime().nullable(),
    expireAt: z.iso.datetime().nullable(),
    publishedAt: z.iso.datetime().nullable(),
    plannedFor: z.string().nullable(),
    themes: z.array(themeRef),
    featured: z.array(z.object({ personId: z.uuid(), name: z.string(), approval: approvalSchema })),
    author: personRef.nullable(),
    submittedBy: personRef.nullable(),
    missingAudiences: z.array(z.string()),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'StorySummary' });
export type StorySummaryView = z.infer<typeof storySummarySchema>;

export const suggestionSchema = z.object({ id: z.uuid(), network: networkSchema, text: z.string() });
export const variantSchema = z
  .object({
    id: z.uuid(),
    audience: z.object({ id: z.uuid(), key: z.string(), name: z.string() }),
    headline: z.string(),
    teaser: z.string(),
    suggestions: z.array(suggestionSchema),
  })
  .meta({ id: 'StoryVariant' });
export type VariantView = z.infer<typeof variantSchema>;

export const storyEventSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['transition', 'comment', 'approval', 'override']),
    fromStatus: storyStatusSchema.nullable(),
    toStatus: storyStatusSchema.nullable(),
    comment: z.string().nullable(),
    actor: personRef.nullable(),
    at: z.iso.datetime(),
  })
  .meta({ id: 'StoryEvent' });
export type StoryEventView = z.infer<typeof storyEventSchema>;

export const storySchema = storySummarySchema
  .extend({
    bodyMarkdown: z.string(),
    bodyHtml: z.string(),
    externalUrl: z.string().nullable(),
    translationGroupId: z.uuid(),
    translations: z.array(z.object({ id: z.uuid(), language: languageSchema, slug: z.string(), title: z.string(), status: storyStatusSchema })),
    targetGroups: z.array(z.object({ id: z.uuid(), kind: z.string(), name: z.string() })),
    featured: z.array(
      z.object({
        personId: z.uuid(),
        name: z.string(),
        quote: z.string(),
        position: z.number().int(),
        approval: approvalSchema,
        approvalComment: z.string().nullable(),
        decidedAt: z.iso.datetime().nullable(),
      }),
    ),
    variants: z.array(variantSchema),
    campaigns: z.array(z.object({ id: z.uuid(), slug: z.string(), name: z.string() })),
    events: z.array(storyEventSchema),
    allowedTransitions: z.array(storyStatusSchema),
  })
  .meta({ id: 'Story' });
export type StoryView = z.infer<typeof storySchema>;

const slugSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'use lower-case letters, digits and single hyphens' });

const storyFields = {
  title: text().trim().min(1).max(200),
  language: languageSchema,
  format: storyFormatSchema,
  summary: text().trim().max(1000),
  bodyMarkdown: text().max(200_000),
  slug: slugSchema,
  themeIds: z.array(z.uuid()).max(20),
  targetGroupIds: z.array(z.uuid()).max(200),
  featured: z
    .array(z.object({ personId: z.uuid(), quote: text().trim().max(2000).optional() }))
    .max(50)
    .refine((list) => new Set(list.map((f) => f.personId)).size === list.length, { message: 'a colleague is featured once' }),
  heroImageId: z.uuid().nullable(),
  externalUrl: httpUrlSchema.nullable(),
  publishAt: isoDateTime.nullable(),
  expireAt: isoDateTime.nullable(),
  plannedFor: dateSchema.nullable(),
};

export const createStoryBody = z.object({
  title: storyFields.title,
  language: storyFields.language,
  format: storyFields.format,
  summary: storyFields.summary.optional(),
  bodyMarkdown: storyFields.bodyMarkdown.optional(),
  slug: storyFields.slug.optional(),
  themeIds: storyFields.themeIds.optional(),
  targetGroupIds: storyFields.targetGroupIds.optional(),
  featured: storyFields.featured.optional(),
  heroImageId: storyFields.heroImageId.optional(),
  externalUrl: storyFields.externalUrl.optional(),
  publishAt: storyFields.publishAt.optional(),
  expireAt: storyFields.expireAt.optional(),
  plannedFor: storyFields.plannedFor.optional(),
  status: z.enum(['idea', 'draft']).optional(),
  translationOf: z.uuid().optional(),
});
export type CreateStoryInput = z.infer<typeof createStoryBody>;

export const updateStoryBody = createStoryBody.omit({ status: true }).partial().extend({ translationOf: z.uuid().nullable().optional() });
export type UpdateStoryInput = z.infer<typeof updateStoryBody>;

export const storiesQuery = z.object({
  status: storyStatusSchema.optional(),
  q: text().trim().max(200).optional(),
  format: storyFormatSchema.optional(),
  themeId: z.uuid().optional(),
  language: languageSchema.optional(),
  campaignId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});
export type StoriesQuery = z.infer<typeof storiesQuery>;

export const transitionBody = z.object({
  to: storyStatusSchema,
  comment: text().trim().max(5000).optional(),
  override: z.boolean().optional(),
});
export type TransitionInput = z.infer<typeof transitionBody>;

export const commentBody = z.object({ comment: text().trim().min(1).max(5000) });

export const variantBody = z.object({
  headline: text().trim().min(1).max(300),
  teaser: text().trim().max(2000).default(''),
  suggestions: z.array(z.object({ network: networkSchema, text: text().trim().min(1).max(70_000) })).max(60).default([]),
});
export type VariantInput = z.infer<typeof variantBody>;

export const approvalDecisionBody = z.object({ decision: z.enum(['approved', 'changes_requested']), comment: text().trim().max(5000).optional() });
export type ApprovalDecisionInput = z.infer<typeof approvalDecisionBody>;

export const myApprovalSchema = z
  .object({ story: storySummarySchema, quote: z.string(), status: approvalSchema, comment: z.string().nullable(), requestedAt: z.iso.datetime().nullable(), decidedAt: z.iso.datetime().nullable() })
  .meta({ id: 'MyApproval' });

// --- calendar and programme settings ---------------------------------------------------------

export const calendarQuery = z.object({ from: dateSchema, to: dateSchema });
export const calendarItemSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  status: storyStatusSchema,
  format: storyFormatSchema,
  date: z.string(),
  kind: z.enum(['published', 'planned']),
});
export const calendarSummaryQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const departmentRef = z.object({ id: z.uuid(), name: z.string() }).nullable();
export const calendarSummarySchema = z
  .object({
    year: z.number().int(),
    target: z.number().int(),
    published: z.number().int(),
    remaining: z.number().int(),
    coverage: z.object({
      featuredPeople: z.number().int(),
      byDepartment: z.array(z.object({ department: departmentRef, featuredPeople: z.number().int(), people: z.number().int() })),
      neverFeatured: z.array(z.object({ id: z.uuid(), name: z.string(), department: departmentRef })),
      neverFeaturedCount: z.number().int(),
    }),
  })
  .meta({ id: 'CalendarSummary' });
export type CalendarSummaryView = z.infer<typeof calendarSummarySchema>;

export const programmeSettingsSchema = z
  .object({
    yearlyTarget: z.number().int().min(1).max(10_000),
    disclosure: z.object({ enabled: z.boolean(), textNl: text().trim().max(100), textEn: text().trim().max(100) }),
  })
  .meta({ id: 'ProgrammeSettings' });
